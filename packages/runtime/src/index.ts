export {
  clientAddress,
  createHttpServer,
  errorAnswer,
  createOpsServer,
  HttpError,
  type HttpServerOptions,
  listenOps,
  metricsPortFor,
  type ReadinessCheck,
  type ReadinessResult,
} from './http-server.js';
export type { HotPath } from './hot-path.js';
export { createLifecycle, type Lifecycle, type RunningService, runMain, runService } from './lifecycle.js';
export { createMetrics, exposureToRevocationHistogram, type Metrics } from './metrics.js';
export type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
export { type Loop, startLoop } from './loop.js';
