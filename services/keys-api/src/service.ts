import { createKafka, createPublisher, ensureTopics, kafkaReadiness, runConsumer, type RunningConsumer, topicIsEmpty } from '@keyguard/bus';
import { createEnvelope, KeyUsed, TopicConfigs, Topics } from '@keyguard/events';
import { createExpirySweeper, createKeyStatePublisher, createRevoker, type KeyStatePublisher } from '@keyguard/keys';
import { createLogger, type Logger } from '@keyguard/logger';
import {
  clientAddress,
  createHttpServer,
  type HotPath,
  createLifecycle,
  createMetrics,
  exposureToRevocationHistogram,
  type FastifyInstance,
  listenOps,
  metricsPortFor,
} from '@keyguard/runtime';
import { createSecretBox } from '@keyguard/seal';
import { connectStore, createChannelDeliveryRepository, createChannelRepository, createMarkerRepository, repositoriesOf, type Store } from '@keyguard/store';
import { createVerifier } from '@keyguard/verify';
import { createKeyIssuer } from './adapters/issue.js';
import { createKeyQueries } from './adapters/keys.js';
import { createScanRequests } from './adapters/scans.js';
import { createVerification } from './adapters/verification.js';
import { bootstrap } from './bootstrap.js';
import type { Config } from './config.js';
import { createKeyUsageHandler } from './consumers/key-usage.js';
import { registerApi } from './http/app.js';
import type { ApiContext } from './http/context.js';
import { createAuthenticator } from './http/auth.js';
import { defaultDashboardDir, registerDashboard } from './http/dashboard.js';
import { registerRateLimits } from './http/rate-limits.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { createVerifyCallers } from './http/verify-callers.js';
import { createVerifyFastPath, type HotAnswer } from './http/verify-fast-path.js';
import { createVerifySteps } from './http/verify-steps.js';
import { createScimCallers } from './http/scim/callers.js';
import { registerScim } from './http/scim/app.js';
import { createDeprovisioner } from './adapters/deprovision.js';
import { createOidc } from './adapters/oidc.js';

const service = 'keys-api';

export interface KeysApiDeps {
  logger?: Logger;
  topics?: { keyEvents?: string; findings?: string; scanRequests?: string; keyState?: string; keyUsage?: string };
  /** Called with the HTTP app before any route is added (tests install the contract watcher here). */
  extend?: (app: FastifyInstance) => void;
  /** Told every answer the hot path below Fastify sends, with the OpenAPI document (tests check them against the contract). */
  watchHotAnswers?: (answer: HotAnswer, openApi: unknown) => void;
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
  const keyStateTopic = deps.topics?.keyState ?? Topics.keyState;
  const keyUsageTopic = deps.topics?.keyUsage ?? Topics.keyUsage;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;
  try {
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    await ensureTopics(kafka, [
      { topic: keyEventsTopic },
      { topic: findingsTopic },
      { topic: scanRequestsTopic, numPartitions: 6 },
      { topic: keyStateTopic, config: TopicConfigs[Topics.keyState] },
      { topic: keyUsageTopic },
      { topic: Topics.dlq },
    ]);
    const keyStateWasEmpty = await topicIsEmpty(kafka, keyStateTopic);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger, concurrentWriters: config.MONGODB_CONCURRENT_WRITERS });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());
    // keys-api's own verifier answers POST /keys/verify; what this process changes it knows at once.
    const verifier = createVerifier({
      brokers: config.KAFKA_BROKERS,
      kafka,
      topic: keyStateTopic,
      usageTopic: keyUsageTopic,
      revokedFile: false,
      logger,
      clientId: service,
    });
    lifecycle.onStop('verifier', () => verifier.close());
    const keyState = createKeyStatePublisher({ store, publisher, logger, topic: keyStateTopic, onPublished: (states) => verifier.remember(states) });
    const metrics = createMetrics(service);
    const exposureToRevocation = exposureToRevocationHistogram(metrics.registry);
    const revoker = createRevoker({
      store,
      publisher,
      keyState,
      logger,
      source: service,
      keyEventsTopic,
      findingsTopic,
      onExposedKeyRevoked: (o) => exposureToRevocation.observe({ source: o.source, reason: o.reason }, o.seconds),
    });
    const repos = repositoriesOf(store);
    await bootstrap(
      repos,
      revoker,
      { adminKey: config.KEYGUARD_BOOTSTRAP_ADMIN_KEY, adminEmail: config.BOOTSTRAP_ADMIN_EMAIL, adminName: config.BOOTSTRAP_ADMIN_NAME },
      logger,
    );

    const backfill = startBackfill(store, keyState, keyStateWasEmpty, logger);
    lifecycle.onStop('key-state backfill', backfill.stop);
    const { sessions, serviceTokens } = repos;
    const { insights } = repos;
    await insights.ensureIndexes();
    // A database from before the rollups: build them once from the findings, in the background.
    void insights.rebuildIfEmpty().then(
      (n) => n !== null && logger.info({ findings: n }, 'insights rollups rebuilt from the findings'),
      (err: unknown) => logger.warn({ err }, 'insights rollups rebuild failed'),
    );
    const sweeper = createExpirySweeper({ store, revoker });
    let usageConsumer: RunningConsumer | undefined; // joins below, once the routes are registered
    let hotPath: HotPath | undefined; // set below, once the routes it shares its steps with exist
    const app = createHttpServer({
      service,
      logger,
      metrics,
      readiness: { kafka: kafkaReady.check, mongodb: store.ping, consumer: () => usageConsumer?.readiness() ?? { ready: false, state: 'starting' } },
      trustProxy: config.TRUST_PROXY,
      hotPath: () => hotPath,
    });
    const securityHeaders = registerSecurityHeaders(app, { https: config.SESSION_COOKIE_SECURE });
    const throttle = await registerRateLimits(
      app,
      { authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE ?? 20, sessionOpensPerMinute: config.SESSION_OPENS_PER_MINUTE ?? 30 },
      metrics,
    );
    deps.extend?.(app);
    const verifyCallers = createVerifyCallers(store, serviceTokens, { keyIdOf: (hash) => verifier.keyIdOf(hash) });
    const ctx: ApiContext = {
      config,
      store,
      repos,
      keys: createKeyQueries(repos),
      issuer: createKeyIssuer(repos.keys, keyState),
      audit: repos.audit,
      insights: repos.insights,
      sessions,
      throttle,
      revoker,
      keyState,
      sweeper,
      channels: createChannelRepository(store),
      deliveries: createChannelDeliveryRepository(store),
      secretBox: config.KEYGUARD_CHANNEL_ENCRYPTION_KEY ? createSecretBox(config.KEYGUARD_CHANNEL_ENCRYPTION_KEY) : null,
      async findingResolved(payload) {
        const event = createEnvelope('finding.resolved', payload, { source: service });
        await publisher.publish(findingsTopic, [{ key: payload.tokenHash, value: event }], { timeoutMs: 10_000 });
      },
      scans: createScanRequests({ store, publisher, topic: scanRequestsTopic, logger }),
      auth: createAuthenticator(repos, {
        lastUsedGranularityMs: config.LAST_USED_GRANULARITY_MS,
        onStampFailed: (err) => logger.warn({ err }, 'could not record a key use'),
        keyIdOf: (hash) => verifier.keyIdOf(hash),
      }),
      serviceTokens,
      verifyCallers,
      verifySteps: createVerifySteps({ verifyCallers, verification: createVerification(store, verifier) }),
      scimCallers: createScimCallers(repos.scimTokens),
      deprovisioner: createDeprovisioner(repos, revoker),
      oidc:
        config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
          ? createOidc({
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
              ...(config.OIDC_GROUPS_CLAIM ? { extraScope: config.OIDC_GROUPS_CLAIM } : {}),
            })
          : null,
    };
    const { openApi } = await registerApi(app, ctx);
    await registerScim(app, ctx);
    await registerDashboard(app, config.DASHBOARD_DIR ?? defaultDashboardDir());

    // Uses at the customers' APIs, reported by their verifiers, become lastUsedAt.
    const usage = createKeyUsageHandler(store);
    usageConsumer = await runConsumer(kafka, {
      // A group per topic: tests run many keys-api instances on fresh topics side by side.
      groupId: keyUsageTopic === Topics.keyUsage ? 'keyguard.keys-api.key-usage' : `keyguard.keys-api.key-usage.${keyUsageTopic}`,
      topics: [keyUsageTopic],
      schema: KeyUsed,
      handler: (message) => usage([message]),
      batchHandler: usage,
      publisher,
      logger,
    });
    lifecycle.onStop('key-usage consumer', () => usageConsumer?.stop());
    // POST /keys/verify below Fastify (VERIFY_FAST_PATH, on unless set to false): the route's own steps.
    if (config.VERIFY_FAST_PATH !== false) {
      const watch = deps.watchHotAnswers;
      hotPath = createVerifyFastPath({
        steps: ctx.verifySteps,
        securityHeaders: securityHeaders.api,
        metrics,
        clientAddress: clientAddress(config.TRUST_PROXY),
        jsonParser: app.getDefaultJsonParser('error', 'error'),
        logger,
        ...(watch ? { onAnswer: (answer: HotAnswer) => watch(answer, openApi()) } : {}),
      });
    }
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => {
      // While closing, Fastify answers every request (503 and Connection: close for new ones).
      hotPath = undefined;
      return app.close();
    });
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

/**
 * An empty key-state topic (a new deployment, or a database older than the topic) is filled
 * from MongoDB, in the background so the API starts at once. A marker in the database records
 * that the backfill finished: one interrupted by a stop runs again at the next start.
 */
function startBackfill(store: Store, keyState: KeyStatePublisher, topicWasEmpty: boolean, logger: Logger) {
  const markers = createMarkerRepository(store);
  const marker = `key-state-backfill:${keyState.topic}`;
  const controller = new AbortController();
  const done = (async () => {
    if (topicWasEmpty) await markers.clear(marker);
    else if (await markers.isSet(marker)) return;
    await keyState.backfill({ signal: controller.signal });
    await markers.set(marker);
  })().catch((err: unknown) => {
    if (!controller.signal.aborted) logger.error({ err }, 'key-state backfill failed; it runs again at the next start');
  });
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
