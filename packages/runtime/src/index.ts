export { createHttpServer, HttpError, type HttpServerOptions, type ReadinessCheck } from './http-server.js';
export { createLifecycle, type Lifecycle, runMain } from './lifecycle.js';
export { createMetrics, type Metrics } from './metrics.js';
export type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
export { type Loop, startLoop } from './loop.js';
