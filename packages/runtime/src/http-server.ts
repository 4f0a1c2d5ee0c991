import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '@keyguard/logger';
import type { Metrics } from './metrics.js';
import { clientAddressFor, type HotPath, hotPathServer } from './hot-path.js';
import { lazyRequestLogger } from './request-logger.js';

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
  /**
   * A request must arrive whole (headers and body) within this time, else Node answers 408 and
   * closes the connection: a sender that trickles its body cannot hold a connection for minutes.
   * Headers alone get half of it (at most 10 s); an idle connection is closed after it too.
   * Default: Node's own limits (5 minutes).
   */
  requestTimeoutMs?: number;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For to believe for `request.ip` (none by default). */
  trustProxy?: boolean | number | string;
  /**
   * Requests to answer below Fastify (see hot-path.ts): read per request, so it can be set once
   * the routes it shares code with exist. The server is then made by `hotPathServer`.
   */
  hotPath?: () => HotPath | undefined;
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
  ({
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  })[status] ?? 'bad_request';

/** Per app: what its operations server serves, and that server once `listenOps` started it. */
const opsOf = new WeakMap<FastifyInstance, { options: HttpServerOptions; server?: FastifyInstance }>();

/**
 * The HTTP core every service shares: /healthz (the process is up), JSON errors with a
 * stable `error` code — and a 5xx never carries the underlying message. /readyz and /metrics
 * are not on this (public) server: `listenOps` serves them on the operations port.
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
    // A request's logger (bound to its reqId) is made only when the request logs something.
    childLoggerFactory: lazyRequestLogger,
    requestIdHeader: 'x-request-id',
    trustProxy: trustProxyOption(options.trustProxy),
    ...(options.hotPath ? { serverFactory: hotPathServer(options.hotPath) } : {}),
  });

  // Callback style: synchronous work needs no promise per request.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    options.metrics.httpDuration.observe({ route }, reply.elapsedTime / 1000);
    // The route pattern, never the URL: a query string can carry a secret (search by key value).
    if (reply.statusCode >= 500) request.log.error({ status: reply.statusCode, method: request.method, route }, 'request failed');
    done();
  });

  app.get('/healthz', async () => ({ status: 'ok', service: options.service }));
  handleErrors(app);
  const ops: { options: HttpServerOptions; server?: FastifyInstance } = { options };
  opsOf.set(app, ops);
  app.addHook('onClose', async () => {
    await ops.server?.close();
  });
  return app;
}

/** `request.ip` for a request the hot path answers: what Fastify would say with the same trustProxy. */
export const clientAddress = (trustProxy: HttpServerOptions['trustProxy']) => clientAddressFor(trustProxyOption(trustProxy));

/** A number of hops becomes the function fastify takes for it (its types have no number). */
function trustProxyOption(value: HttpServerOptions['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value ?? false;
}

/** The JSON answer for an error: `{ error, message, ...details }`; a 5xx never carries the underlying message. */
export function errorAnswer(error: Pick<FastifyError, 'statusCode' | 'message'> | HttpError): { status: number; body: Record<string, unknown> } {
  const status = error.statusCode ?? 500;
  if (status >= 500) return { status, body: { error: 'internal_error', message: 'internal error' } };
  const code = error instanceof HttpError ? error.code : codeOf(status);
  const details = error instanceof HttpError ? error.details : undefined;
  return { status, body: { error: code, message: error.message, ...details } };
}

/** JSON 404s and errors (`errorAnswer`); a 5xx is logged. */
function handleErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const { status, body } = errorAnswer(error);
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    return reply.code(status).send(body);
  });
}

/**
 * The operations server: /healthz, /readyz (the dependencies answer and the consumers hold
 * their partitions: readiness) and /metrics
 * (Prometheus) on a port of their own, so the public port shows neither (issue 10, item 15).
 */
export function createOpsServer(options: Pick<HttpServerOptions, 'service' | 'logger' | 'metrics' | 'readiness'>): FastifyInstance {
  const ops = Fastify({ loggerInstance: options.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  ops.get('/healthz', async () => ({ status: 'ok', service: options.service }));
  ops.get('/readyz', async (_request, reply) => {
    const checks = Object.entries(options.readiness ?? {});
    const results = Object.fromEntries(await Promise.all(checks.map(async ([name, check]) => [name, await runCheck(check)] as const)));
    const ready = Object.values(results).every((r) => (typeof r === 'boolean' ? r : r.ready));
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', service: options.service, checks: results });
  });
  ops.get('/metrics', async (_request, reply) => reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()));
  handleErrors(ops);
  return ops;
}

/** Where the operations server listens: METRICS_PORT, else the main port + 1100 (0 stays 0: any free port). */
export const metricsPortFor = (config: { PORT: number; METRICS_PORT?: number | undefined }): number =>
  config.METRICS_PORT ?? (config.PORT === 0 ? 0 : config.PORT + 1100);

/**
 * Starts the operations server of an app made by `createHttpServer` (same service, metrics
 * and readiness checks); closing the app closes it too. Returns the port it listens on.
 */
export async function listenOps(app: FastifyInstance, where: { host: string; port: number }): Promise<number> {
  const state = opsOf.get(app);
  if (!state) throw new Error('listenOps needs an app made by createHttpServer');
  const ops = createOpsServer(state.options);
  state.server = ops;
  await ops.listen(where);
  const address = ops.server.address();
  return typeof address === 'object' && address ? address.port : where.port;
}
