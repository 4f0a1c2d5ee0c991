import { closeSession, openSession } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import { MAX_SESSIONS_PER_KEY } from '../../domain/limits.js';
import { readCookie, SESSION_COOKIE } from '../auth.js';
import type { Api, ApiContext } from '../context.js';

/** The session cookie's Set-Cookie value: HttpOnly, SameSite=Strict, Secure when served over HTTPS. */
export const sessionCookie = (config: ApiContext['config'], value: string, maxAgeSeconds: number) =>
  [`${SESSION_COOKIE}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAgeSeconds}`, ...(config.SESSION_COOKIE_SECURE ? ['Secure'] : [])].join(
    '; ',
  );

/** The browser's session: an HttpOnly, SameSite=Strict cookie holding a random id (never the key). */
export function sessionRoutes(app: Api, ctx: ApiContext): void {
  const ttlMs = ctx.config.SESSION_TTL_HOURS * 60 * 60 * 1000;
  const cookie = (value: string, maxAgeSeconds: number) => sessionCookie(ctx.config, value, maxAgeSeconds);

  app.route({
    ...openSession,
    config: { rateLimit: ctx.throttle.sessionOpens },
    handler: async (request, reply) => {
      const principal = await ctx.throttle.guard(request, reply, async () => {
        const found = await ctx.auth.byKey(request.body.apiKey);
        if (!found?.keyId) throw new HttpError(401, 'unauthorized', 'a valid API key is required');
        return { ...found, keyId: found.keyId };
      });
      if (principal.team.settings.apiKeySignIn === false && ctx.config.OIDC_ISSUER) {
        throw new HttpError(403, 'API_KEY_SIGN_IN_OFF', 'your team signs in to the dashboard with single sign-on only');
      }
      const session = await ctx.sessions.open(principal.user._id, principal.keyId, ttlMs, MAX_SESSIONS_PER_KEY);
      return reply
        .header('set-cookie', cookie(session.id, Math.floor(ttlMs / 1000)))
        .code(204)
        .send();
    },
  });

  app.route({
    ...closeSession,
    handler: async (request, reply) => {
      const id = readCookie(request, SESSION_COOKIE);
      if (id) await ctx.sessions.close(id);
      return reply.header('set-cookie', cookie('', 0)).code(204).send();
    },
  });
}
