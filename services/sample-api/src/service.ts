import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, listenOps, metricsPortFor } from '@keyguard/runtime';
import { createVerifier, type Verifier } from '@keyguard/verify';
import { keyguardVerify } from '@keyguard/verify/fastify';
import type { Config } from './config.js';

const service = 'sample-api';

export interface SampleApiDeps {
  logger?: Logger;
}

export interface RunningSampleApi {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  verifier: Verifier;
  stop(): Promise<void>;
}

/**
 * An API provider's own service, as small as it gets: every route under /v1 needs an
 * `X-Api-Key` that @keyguard/verify finds VALID — answered in-process from the key-state
 * table it follows, so a key Keyguard revokes is refused here within a fraction of a second
 * and no request waits on keys-api. /healthz is up when the process is; /readyz (on the
 * operations port, with /metrics) when the verifier has caught up and is in touch with Kafka.
 */
export async function startService(config: Config, deps: SampleApiDeps = {}): Promise<RunningSampleApi> {
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const lifecycle = createLifecycle(logger, { exit: false });
  try {
    const verifier = createVerifier({
      brokers: config.KAFKA_BROKERS,
      topic: config.KEY_STATE_TOPIC,
      usageTopic: config.KEY_USAGE_TOPIC,
      maxStalenessMs: config.VERIFY_MAX_STALENESS_MS,
      failOpen: config.VERIFY_FAIL_OPEN,
      revokedFile: config.VERIFY_REVOKED_FILE,
      fallback: config.KEYGUARD_API_URL && config.KEYGUARD_SERVICE_TOKEN ? { url: config.KEYGUARD_API_URL, token: config.KEYGUARD_SERVICE_TOKEN } : undefined,
      logger,
      clientId: service,
    });
    lifecycle.onStop('verifier', () => verifier.close());

    const app = createHttpServer({
      service,
      logger,
      metrics: createMetrics(service),
      readiness: {
        verifier: async () => {
          const s = verifier.status();
          return s.ready && !s.stale;
        },
      },
    });
    await app.register(async (api) => {
      await api.register(keyguardVerify, { verifier });
      api.get('/v1/me', async (request) => ({ keyId: request.keyguard!.keyId }));
    });
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => app.close());
    const metricsPort = await listenOps(app, { host: config.METRICS_HOST ?? config.HOST, port: metricsPortFor(config) });
    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : config.PORT, metricsPort, verifier, stop: lifecycle.stop };
  } catch (error) {
    await lifecycle.stop();
    throw error;
  }
}
