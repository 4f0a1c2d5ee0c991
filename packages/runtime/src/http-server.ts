import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '@keyguard/logger';
import type { Metrics } from './metrics.js';

export type ReadinessCheck = () => Promise<boolean>;

export interface HttpServerOptions {
  service: string;
  logger: Logger;
  metrics: Metrics;
  /** Named checks for /readyz (e.g. kafka, mongodb); all must pass for 200. */
  readiness?: Record<string, ReadinessCheck>;
  bodyLimit?: number;
  /**
   * A request must arrive whole (headers and body) within this time, else Node answers 408 and
   * closes the connection: a sender that trickles its body cannot hold a connection for minutes.
   * Headers alone get half of it (at most 10 s); an idle connection is closed after it too.
   * Default: Node's own limits (5 minutes).
   */
  requestTimeoutMs?: number;
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
 * The HTTP core every service shares: /healthz (the process is up), /readyz (its
 * dependencies answer), /metrics (Prometheus), JSON errors with a stable `error` code —
 * and a 5xx never carries the underlying message.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const timeout = options.requestTimeoutMs;
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...(timeout
      ? {
          requestTimeout: timeout,
          connectionTimeout: timeout,
          keepAliveTimeout: Math.min(5000, timeout),
          // Node checks the request and headers deadlines this often (30 s by default).
          http: { headersTimeout: Math.min(10_000, Math.ceil(timeout / 2)), requestTimeout: timeout, connectionsCheckingInterval: Math.min(1000, timeout) },
        }
      : {}),
    // Per-request lines are left out (they cost throughput); errors and 5xx are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
  });

  app.addHook('onResponse', async (request, reply) => {
    options.metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
    options.metrics.httpDuration.observe({ route: request.routeOptions.url ?? 'unmatched' }, reply.elapsedTime / 1000);
    // The route pattern, never the URL: a query string can carry a secret (search by key value).
    if (reply.statusCode >= 500) request.log.error({ status: reply.statusCode, method: request.method, route: request.routeOptions.url ?? 'unmatched' }, 'request failed');
  });

  app.get('/healthz', async () => ({ status: 'ok', service: options.service }));
  app.get('/readyz', async (_request, reply) => {
    const checks = Object.entries(options.readiness ?? {});
    const results = Object.fromEntries(
      await Promise.all(checks.map(async ([name, check]) => [name, await check().catch(() => false)] as const)),
    );
    const ready = Object.values(results).every(Boolean);
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
