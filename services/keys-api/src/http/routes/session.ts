import { closeSession, openSession } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import { MAX_SESSIONS_PER_KEY } from '../../domain/limits.js';
import { readCookie, SESSION_COOKIE } from '../auth.js';
import type { Api, ApiContext } from '../context.js';

/** The browser's session: an HttpOnly, SameSite=Strict cookie holding a random id (never the key). */
export function sessionRoutes(app: Api, ctx: ApiContext): void {
  const ttlMs = ctx.config.SESSION_TTL_HOURS * 60 * 60 * 1000;
  const cookie = (value: string, maxAgeSeconds: number) =>
    [`${SESSION_COOKIE}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${maxAgeSeconds}`, ...(ctx.config.SESSION_COOKIE_SECURE ? ['Secure'] : [])].join('; ');

  app.route({
    ...openSession,
    config: { rateLimit: ctx.throttle.sessionOpens },
    handler: async (request, reply) => {
      const principal = await ctx.throttle.guard(request, reply, async () => {
        const found = await ctx.auth.byKey(request.body.apiKey);
        if (!found) throw new HttpError(401, 'unauthorized', 'a valid API key is required');
        return found;
      });
      const session = await ctx.sessions.open(principal.user._id, principal.keyId, ttlMs, MAX_SESSIONS_PER_KEY);
      return reply.header('set-cookie', cookie(session.id, Math.floor(ttlMs / 1000))).code(204).send();
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
