import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '@keyguard/logger';
import type { Metrics } from './metrics.js';

/**
 * One dependency's readiness: a boolean, or details with `ready` (a consumer reports its group,
 * state and partitions) that /readyz shows as they are.
 */
export type ReadinessResult = boolean | { ready: boolean };
export type ReadinessCheck = () => Promise<ReadinessResult> | ReadinessResult;

/** A check that has not answered by then counts as not ready (a dead database must not hang /readyz). */
const readinessTimeoutMs = 2500;

async function runCheck(check: ReadinessCheck): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), readinessTimeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface HttpServerOptions {
  service: string;
  logger: Logger;
  metrics: Metrics;
  /**
   * Named checks for /readyz (e.g. kafka, mongodb, consumer); all must pass for 200. A service
   * with a consumer is ready only when that consumer is in its group and holds its partitions.
   */
  readiness?: Record<string, ReadinessCheck>;
  bodyLimit?: number;
}

/** An error with an HTTP status and a stable code that is safe to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const codeOf = (status: number) =>
  ({ 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'too_many_requests' })[status] ??
  'bad_request';

/**
 * The HTTP core every service shares: /healthz (the process is up: liveness), /readyz (its
 * dependencies answer and its consumers hold their partitions: readiness), /metrics (Prometheus), JSON errors with a stable `error` code —
 * and a 5xx never carries the underlying message.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Per-request lines are left out (they cost throughput); errors and 5xx are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
  });

  app.addHook('onResponse', async (request, reply) => {
    options.metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
    options.metrics.httpDuration.observe({ route: request.routeOptions.url ?? 'unmatched' }, reply.elapsedTime / 1000);
    // The route pattern, never the URL: a query string can carry a secret (search by key value).
    // /readyz answers 503 by design while a dependency is away: that is not a failed request.
    if (reply.statusCode >= 500 && request.routeOptions.url !== '/readyz') request.log.error({ status: reply.statusCode, method: request.method, route: request.routeOptions.url ?? 'unmatched' }, 'request failed');
  });

  app.get('/healthz', async () => ({ status: 'ok', service: options.service }));
  app.get('/readyz', async (_request, reply) => {
    const checks = Object.entries(options.readiness ?? {});
    const results = Object.fromEntries(await Promise.all(checks.map(async ([name, check]) => [name, await runCheck(check)] as const)));
    const ready = Object.values(results).every((r) => (typeof r === 'boolean' ? r : r.ready));
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', service: options.service, checks: results });
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()),
  );

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply.code(status).send({ error: 'internal_error', message: 'internal error' });
    }
    const code = error instanceof HttpError ? error.code : codeOf(status);
    const details = error instanceof HttpError ? error.details : undefined;
    return reply.code(status).send({ error: code, message: error.message, ...details });
  });
  return app;
}
