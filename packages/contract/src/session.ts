import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { bodyErrors, errors } from './errors.js';

export const OpenSession = z.object({ apiKey: z.string().min(1).max(200) });
export type OpenSession = z.input<typeof OpenSession>;

const tags = ['session'];
const NoContent = z.undefined();

export const openSession = endpoint({
  method: 'POST',
  url: '/session',
  schema: {
    summary: 'Open a browser session with an API key: sets the HttpOnly, SameSite=Strict cookie keyguard_session',
    description:
      '429 with Retry-After: too many sessions opened, or too many failed authentications, from this address. 403 API_KEY_SIGN_IN_OFF: the team signs in with single sign-on only.',
    tags,
    security: [],
    body: OpenSession,
    response: { 204: NoContent.describe('Session opened (Set-Cookie)'), ...errors(...bodyErrors, 401, 403, 429) },
  },
});

export const closeSession = endpoint({
  method: 'DELETE',
  url: '/session',
  schema: { summary: 'Close the session and clear the cookie', tags, security: [], response: { 204: NoContent.describe('Closed') } },
});
