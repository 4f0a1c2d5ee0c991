import { createKafka, createPublisher, ensureTopics, kafkaReadiness, type RetryPolicy, runConsumer } from '@keyguard/bus';
import { ExposureDetected, Topics } from '@keyguard/events';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, listenOps, metricsPortFor, startLoop } from '@keyguard/runtime';
import { relayPrivateKey } from '@keyguard/seal';
import { connectStore, createRelayRepository, createTeamDirectory } from '@keyguard/store';
import { Counter } from 'prom-client';
import type { Config } from './config.js';
import { createExposureHandler } from './consumers/exposures.js';
import { createGithubIssuer } from './issuers/github.js';
import type { IssuerAdapter } from './issuers/issuer.js';
import { createReporter } from './workers/reporter.js';

const service = 'relay';

export interface RelayDeps {
  logger?: Logger;
  topics?: { exposures?: string };
  groupId?: string;
  retry?: Partial<RetryPolicy>;
  /** Replaces the issuer adapters (tests shorten GitHub's window). */
  issuers?: IssuerAdapter[];
}

export interface RunningRelay {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  /** One reporter pass now (tests). */
  pass(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * The relay: the only process with the relay's private key. Consumes exposures for sealed
 * third-party tokens (when a team asked for it), queues them in MongoDB, and reports them to
 * their issuers' revocation APIs in batches within each issuer's limits.
 */
export async function startService(config: Config, deps: RelayDeps = {}): Promise<RunningRelay> {
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const exposuresTopic = deps.topics?.exposures ?? Topics.exposures;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;
  try {
    const metrics = createMetrics(service);
    const outcomes = new Counter({
      name: 'keyguard_relay_tokens_total',
      help: 'Tokens per issuer call outcome',
      labelNames: ['issuer', 'outcome'],
      registers: [metrics.registry],
    });
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    await ensureTopics(kafka, [{ topic: exposuresTopic }, { topic: Topics.dlq }]);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger, concurrentWriters: config.MONGODB_CONCURRENT_WRITERS });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());

    const relay = createRelayRepository(store);
    const directory = createTeamDirectory(store);
    let wantedCache: { at: number; value: Promise<boolean> } | undefined;
    const wanted = () => {
      if (!wantedCache || Date.now() - wantedCache.at > 2000) wantedCache = { at: Date.now(), value: directory.relayWanted() };
      return wantedCache.value;
    };
    const pass = createReporter({
      relay,
      issuers: deps.issuers ?? [createGithubIssuer({ baseUrl: config.GITHUB_API_URL })],
      privateKey: relayPrivateKey(config.KEYGUARD_RELAY_PRIVATE_KEY),
      batchWaitMs: config.RELAY_BATCH_WAIT_MS,
      logger,
      onOutcome: (issuer, outcome, tokens) => outcomes.inc({ issuer, outcome }, tokens),
    });
    const loop = startLoop('relay', config.RELAY_TICK_MS, () => pass(), logger);
    lifecycle.onStop('reporter', () => loop.stop());

    const handler = createExposureHandler({ relay, wanted, logger, onQueued: () => loop.wake() });
    const consumer = await runConsumer(kafka, {
      groupId: deps.groupId ?? 'keyguard.relay',
      topics: [exposuresTopic],
      schema: ExposureDetected,
      handler: handler.handle,
      batchHandler: handler.handleBatch,
      publisher,
      logger,
      retry: { retries: 12, initialDelayMs: 250, maxDelayMs: 15_000, ...deps.retry },
    });
    lifecycle.onStop('kafka consumer', () => consumer.stop());

    const app = createHttpServer({ service, logger, metrics, readiness: { kafka: kafkaReady.check, mongodb: store.ping } });
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => app.close());
    const metricsPort = await listenOps(app, { host: config.METRICS_HOST ?? config.HOST, port: metricsPortFor(config) });
    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : config.PORT, metricsPort, pass: () => pass(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
