import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, type Metrics } from '@keyguard/runtime';
import { Counter } from 'prom-client';

export interface RateLimitSettings {
  /** Failed authentications (unknown, disabled or revoked key; dead session) per client per minute. */
  authFailuresPerMinute: number;
  /** POST /session calls per client per minute, successful or not. */
  sessionOpensPerMinute: number;
}

export interface AuthThrottle {
  /**
   * Runs `attempt` unless this client already failed too often (429 with Retry-After, before
   * any key is looked up); a 401 from `attempt` counts as one more failure.
   */
  guard<T>(request: FastifyRequest, reply: { header(name: string, value: string): unknown }, attempt: () => Promise<T>): Promise<T>;
  /** The route option that limits POST /session itself. */
  sessionOpens: { max: number; timeWindow: number };
}

const minute = 60_000;

/**
 * Throttling with @fastify/rate-limit (issue 10, item 7), per client address (`req.ip`; set
 * TRUST_PROXY behind a reverse proxy so it is the client's): failed authentications are
 * counted and, past the limit, every authentication attempt — even with a valid key — is
 * answered 429 until the window ends, so guessing keys gets nowhere; POST /session is also
 * limited as a whole. Each refusal counts in `keyguard_rate_limited_total{limit}`.
 * The counts live in this process (one keys-api instance each).
 */
export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings, metrics: Metrics): Promise<AuthThrottle> {
  const limited = new Counter({
    name: 'keyguard_rate_limited_total',
    help: 'Requests refused with 429 by a rate limit',
    labelNames: ['limit'],
    registers: [metrics.registry],
  });
  const failures = new Counter({
    name: 'keyguard_auth_failures_total',
    help: 'Failed authentications (bad, disabled, revoked or expired key; dead session)',
    registers: [metrics.registry],
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new HttpError(429, 'too_many_requests', `too many requests: retry in ${context.after}`),
    onExceeded: () => limited.inc({ limit: 'session_opens' }),
  });
  const authFailures = app.createRateLimit({ max: settings.authFailuresPerMinute, timeWindow: minute });

  const refuse = (reply: { header(name: string, value: string): unknown }, ttlMs: number): never => {
    const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
    limited.inc({ limit: 'auth_failures' });
    reply.header('retry-after', String(seconds));
    throw new HttpError(429, 'too_many_requests', `too many failed authentications from this address: retry in ${seconds} s`);
  };

  return {
    async guard(request, reply, attempt) {
      const before = await authFailures(request, { increment: false });
      if (!before.isAllowed && before.remaining === 0) refuse(reply, before.ttl);
      try {
        return await attempt();
      } catch (error) {
        if (error instanceof HttpError && error.statusCode === 401) {
          failures.inc();
          await authFailures(request);
        }
        throw error;
      }
    },
    sessionOpens: { max: settings.sessionOpensPerMinute, timeWindow: minute },
  };
}
