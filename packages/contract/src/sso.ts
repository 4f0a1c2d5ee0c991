import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { errors } from './errors.js';

/** Whether the dashboard offers single sign-on (OpenID Connect), and with which provider. */
export const SsoStatus = z.object({ enabled: z.boolean(), issuer: z.string().nullable() }).meta({ id: 'SsoStatus' });
export type SsoStatus = z.output<typeof SsoStatus>;

/** What the OpenID provider sends back (RFC 6749 §4.1.2; `iss` per RFC 9207). */
export const OidcCallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  session_state: z.string().max(512).optional(),
});

const tags = ['session'];
const Redirect = z.undefined();

export const getSso = endpoint({
  method: 'GET',
  url: '/session/sso',
  schema: { summary: 'Whether single sign-on is configured (the sign-in page asks)', tags, security: [], response: { 200: SsoStatus } },
});

export const startOidc = endpoint({
  method: 'GET',
  url: '/session/oidc',
  schema: {
    summary: 'Start single sign-on: 302 to the OpenID provider (authorization code + PKCE; state, nonce and verifier in a 10-minute HttpOnly cookie)',
    tags,
    security: [],
    response: { 302: Redirect.describe('To the provider'), ...errors(404, 503) },
  },
});

export const oidcCallback = endpoint({
  method: 'GET',
  url: '/session/oidc/callback',
  schema: {
    summary:
      'Where the provider sends people back: the code is exchanged, the person matched by verified email (a new one joins as a member), the session cookie set, and 302 to the dashboard (`/?sso_error=<code>` when refused)',
    tags,
    security: [],
    querystring: OidcCallbackQuery,
    response: { 302: Redirect.describe('To the dashboard'), ...errors(400, 404) },
  },
});
