import { createKafka, createPublisher, ensureTopics, kafkaReadiness } from '@keyguard/bus';
import { createEnvelope, Topics } from '@keyguard/events';
import { createExpirySweeper, createRevoker } from '@keyguard/keys';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, type FastifyInstance, listenOps, metricsPortFor } from '@keyguard/runtime';
import { createSecretBox } from '@keyguard/seal';
import { connectStore, createChannelDeliveryRepository, createChannelRepository } from '@keyguard/store';
import { createAuditRepository } from './adapters/audit.js';
import { createKeyIssuer } from './adapters/issue.js';
import { createKeyQueries } from './adapters/keys.js';
import { createScanRequests } from './adapters/scans.js';
import { createSessionRepository } from './adapters/sessions.js';
import { bootstrap } from './bootstrap.js';
import type { Config } from './config.js';
import { registerApi } from './http/app.js';
import { createAuthenticator } from './http/auth.js';
import { defaultDashboardDir, registerDashboard } from './http/dashboard.js';
import { registerRateLimits } from './http/rate-limits.js';
import { registerSecurityHeaders } from './http/security-headers.js';

const service = 'keys-api';

export interface KeysApiDeps {
  logger?: Logger;
  topics?: { keyEvents?: string; findings?: string; scanRequests?: string };
  /** Called with the HTTP app before any route is added (tests install the contract watcher here). */
  extend?: (app: FastifyInstance) => void;
}

export interface RunningKeysApi {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  stop(): Promise<void>;
}

/** keys-api: the REST API under /api/v1 and the dashboard at /. */
export async function startService(config: Config, deps: KeysApiDeps = {}): Promise<RunningKeysApi> {
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const keyEventsTopic = deps.topics?.keyEvents ?? Topics.keyEvents;
  const findingsTopic = deps.topics?.findings ?? Topics.findings;
  const scanRequestsTopic = deps.topics?.scanRequests ?? Topics.scanRequests;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;
  try {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger });
    await ensureTopics(kafka, [{ topic: keyEventsTopic }, { topic: findingsTopic }, { topic: scanRequestsTopic, numPartitions: 6 }]);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());
    const revoker = createRevoker({ store, publisher, logger, source: service, keyEventsTopic, findingsTopic });
    await bootstrap(
      store,
      revoker,
      { adminKey: config.KEYGUARD_BOOTSTRAP_ADMIN_KEY, adminEmail: config.BOOTSTRAP_ADMIN_EMAIL, adminName: config.BOOTSTRAP_ADMIN_NAME },
      logger,
    );

    const sessions = createSessionRepository(store);
    const sweeper = createExpirySweeper({ store, revoker });
    const metrics = createMetrics(service);
    const app = createHttpServer({ service, logger, metrics, readiness: { kafka: kafkaReady.check, mongodb: store.ping }, trustProxy: config.TRUST_PROXY });
    await registerSecurityHeaders(app, { https: config.SESSION_COOKIE_SECURE });
    const throttle = await registerRateLimits(
      app,
      { authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE ?? 20, sessionOpensPerMinute: config.SESSION_OPENS_PER_MINUTE ?? 30 },
      metrics,
    );
    deps.extend?.(app);
    await registerApi(app, {
      config,
      store,
      keys: createKeyQueries(store),
      issuer: createKeyIssuer(store),
      audit: createAuditRepository(store),
      sessions,
      throttle,
      revoker,
      sweeper,
      channels: createChannelRepository(store),
      deliveries: createChannelDeliveryRepository(store),
      secretBox: config.KEYGUARD_CHANNEL_ENCRYPTION_KEY ? createSecretBox(config.KEYGUARD_CHANNEL_ENCRYPTION_KEY) : null,
      async findingResolved(payload) {
        const event = createEnvelope('finding.resolved', payload, { source: service });
        await publisher.publish(findingsTopic, [{ key: payload.tokenHash, value: event }], { timeoutMs: 10_000 });
      },
      scans: createScanRequests({ store, publisher, topic: scanRequestsTopic, logger }),
      auth: createAuthenticator(store, sessions, {
        lastUsedGranularityMs: config.LAST_USED_GRANULARITY_MS ?? 1000,
        onStampFailed: (err) => logger.warn({ err }, 'could not record a key use'),
      }),
    });
    await registerDashboard(app, config.DASHBOARD_DIR ?? defaultDashboardDir());
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => app.close());
    const metricsPort = await listenOps(app, { host: config.METRICS_HOST ?? config.HOST, port: metricsPortFor(config) });

    const purge = setInterval(() => void sessions.purgeExpired().catch((err) => logger.warn({ err }, 'session purge failed')), 60 * 60 * 1000);
    purge.unref();
    lifecycle.onStop('session purge', async () => clearInterval(purge));

    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : config.PORT, metricsPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
