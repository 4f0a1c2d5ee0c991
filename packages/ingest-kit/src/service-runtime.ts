import {
  createKafka,
  createPublisher,
  ensureTopics,
  type Kafka,
  kafkaReadiness,
  type OutgoingMessage,
  type Publisher,
  type RunningConsumer,
} from '@keyguard/bus';
import { createScanner, type Scanner } from '@keyguard/detectors';
import { type Provider, type SourceEvent, Topics } from '@keyguard/events';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createMetrics, type FastifyInstance, listenOps, type Metrics, metricsPortFor } from '@keyguard/runtime';
import { connectStore, type Store } from '@keyguard/store';
import pRetry from 'p-retry';
import pTimeout from 'p-timeout';
import type { z } from 'zod';
import { createDetectionMetrics, type DetectionMetrics } from './detection-metrics.js';
import { createDeliveryClaims, createDeliveryGate, type DeliveryGate } from './delivery-gate.js';
import { sealingScanner } from './relay-sealing.js';
import { type ScanJobRunner, startScanJobWorker } from './scan-job-worker.js';
import { type BodySlots, createBodySlots } from './raw-body.js';
import type { PartnerAlertVerifierOptions } from './partner-alert-verifier.js';
import type { UpstreamLimits } from './upstream.js';
import { startSourceWorker } from './worker.js';

/** What an ingest service's config always has (from serviceFields, kafkaFields, mongoFields). */
export interface IngestBaseConfig {
  HOST: string;
  PORT: number;
  METRICS_HOST?: string;
  METRICS_PORT?: number;
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  KAFKA_BROKERS: string[];
  KAFKA_SESSION_TIMEOUT_MS?: number;
  MONGODB_URI: string;
  /** Whether the store takes concurrent writers (mongoFields; undefined: decided from the server). */
  MONGODB_CONCURRENT_WRITERS?: boolean;
  /** Run the worker in this process (default true). */
  INGEST_WORKER: boolean;
  /** Serve the webhook routes (default true; false for a worker-only process). */
  INGEST_RECEIVER?: boolean;
  PUBLISH_TIMEOUT_MS: number;
  /** HMAC key for secrets reported under a keyed hash (see ingestFields). */
  KEYGUARD_HASH_KEY: string;
  MAX_EXPOSURES_PER_EVENT: number;
  REQUEST_TIMEOUT_MS: number;
  LARGE_BODY_SLOTS: number;
  UPSTREAM_TIMEOUT_MS: number;
  UPSTREAM_MAX_BYTES: number;
  /** The relay's X25519 public key: GitHub tokens found in public are sealed to it (optional). */
  KEYGUARD_RELAY_PUBLIC_KEY?: string;
}

/** What bounds the work one event or one upstream answer can cause. */
export interface IngestLimits {
  maxExposuresPerEvent: number;
  upstream: UpstreamLimits;
}

/** Overrides for tests and embedding: fresh topics, groups and databases per test. */
export interface IngestDeps {
  logger?: Logger;
  topics?: { sourceEvents?: string; exposures?: string; dlq?: string; scanRequests?: string };
  groupId?: string;
  dbName?: string;
  scanner?: Scanner;
  /** Run the receiver / the worker (both by default). */
  receiver?: boolean;
  worker?: boolean;
  /** Producer linger: gathers concurrent publishes into one produce request. */
  lingerMs?: number;
  /** Timing of the partner-alert key cache (tests shorten its intervals). */
  partnerKeys?: Pick<PartnerAlertVerifierOptions, 'minRefetchIntervalMs' | 'refreshIntervalMs' | 'initialBackoffMs'>;
}

export interface IngestContext {
  service: string;
  provider: Provider;
  logger: Logger;
  kafka: Kafka;
  publisher: Publisher;
  store: Store;
  gate: DeliveryGate;
  scanner: Scanner;
  metrics: Metrics;
  /** keyguard_detection_latency_seconds and the per-source outcome counters. */
  detection: DetectionMetrics;
  topics: { sourceEvents: string; exposures: string; scanRequests: string };
  limits: IngestLimits;
  /** Shared by every route of the receiver: bodies over 1 MiB read at once. */
  bodySlots: BodySlots;
}

export interface RunningService {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  app: FastifyInstance;
  context: IngestContext;
  /** Resolves when the worker has joined its group (immediately when it does not run). */
  workerReady: Promise<void>;
  /** Resolves when the scan-job worker has joined its group (immediately when there is none). */
  scansReady: Promise<void>;
  stop(): Promise<void>;
}

export interface IngestServiceDefinition<E extends SourceEvent> {
  service: string;
  provider: E['payload']['provider'];
  /** The schema of the provider's source events: the receiver publishes them, the worker parses them. */
  sourceEvent: z.ZodType<E>;
  config: IngestBaseConfig;
  deps?: IngestDeps;
  /** Registers the receiver's routes (inside an encapsulated scope). */
  routes(scope: FastifyInstance, context: IngestContext): void | Promise<void>;
  /** Fetches and scans one of this provider's source events in the worker; returns its exposures. */
  collect(context: IngestContext): (event: E, log: Logger) => Promise<OutgoingMessage[]>;
  /** Runs this provider's scan jobs (history scans, on-demand scans); its consumer runs beside the worker. */
  scans?(context: IngestContext): ScanJobRunner;
}

/**
 * The shape all three ingest services share: one process runs the receiver (HTTP, verify →
 * dedup → publish → acknowledge) and the worker (its own consumer group: fetch, scan, publish
 * exposures). Kafka may be down at start: the receiver answers 503 until it is back, and
 * topic creation and the worker keep retrying in the background.
 */
export async function startIngestService<E extends SourceEvent>(definition: IngestServiceDefinition<E>): Promise<RunningService> {
  const { service, provider, config } = definition;
  const deps = definition.deps ?? {};
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const topics = {
    sourceEvents: deps.topics?.sourceEvents ?? Topics.sourceEvents[provider],
    exposures: deps.topics?.exposures ?? Topics.exposures,
    scanRequests: deps.topics?.scanRequests ?? Topics.scanRequests,
  };
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
  const kafkaReady = kafkaReadiness(kafka);
  const publisher = createPublisher(kafka, { logger, lingerMs: deps.lingerMs ?? 1, maxBatchMessages: 2000 });
  // The worker produces on its own connection: a receiver's acknowledgement never waits
  // behind a batch of exposures (the producer sends one request at a time).
  const workerPublisher = createPublisher(kafka, { logger, lingerMs: deps.lingerMs ?? 1, maxBatchMessages: 2000 });
  const store = await connectStore({ uri: config.MONGODB_URI, dbName: deps.dbName, logger, concurrentWriters: config.MONGODB_CONCURRENT_WRITERS });
  const metrics = createMetrics(service);
  const detection = createDetectionMetrics(metrics.registry);
  const gate = createDeliveryGate({ claims: createDeliveryClaims(store), publisher, logger, publishTimeoutMs: config.PUBLISH_TIMEOUT_MS });
  // GitHub tokens found in public are sealed to the relay (when its public key is configured).
  const scanner = sealingScanner(deps.scanner ?? createScanner({ hashKey: config.KEYGUARD_HASH_KEY }), config.KEYGUARD_RELAY_PUBLIC_KEY);
  const limits: IngestLimits = {
    maxExposuresPerEvent: config.MAX_EXPOSURES_PER_EVENT,
    upstream: { timeoutMs: config.UPSTREAM_TIMEOUT_MS, maxBytes: config.UPSTREAM_MAX_BYTES },
  };
  const bodySlots = createBodySlots(config.LARGE_BODY_SLOTS);
  const context: IngestContext = { service, provider, logger, kafka, publisher, store, gate, scanner, metrics, detection, topics, limits, bodySlots };

  let stopped = false;
  const stopping = new AbortController();
  const background: Promise<unknown>[] = [];
  /** Until it works or the service stops: backoff 250 ms doubling to 4 s (p-retry), a warning every tenth failure. */
  const forever = async (what: string, attempt: () => Promise<void>): Promise<void> => {
    if (stopped) return;
    await pRetry(attempt, {
      // node-retry's `forever`: after the five steps below, keep retrying every 4 s (retries: Infinity would allocate a step per retry).
      forever: true,
      retries: 5,
      factor: 2,
      minTimeout: 250,
      maxTimeout: 4000,
      randomize: false,
      signal: stopping.signal,
      onFailedAttempt: (error) => {
        if (error.attemptNumber % 10 === 1) logger.warn({ err: error, what }, 'Kafka not ready; retrying in the background');
      },
    }).catch((error: unknown) => {
      if (!stopped) logger.error({ err: error, what }, 'gave up starting in the background');
    });
  };

  const dlq = deps.topics?.dlq ?? Topics.dlq;
  const topicsReady = forever('topics', () =>
    ensureTopics(kafka, [{ topic: topics.sourceEvents }, { topic: topics.exposures }, { topic: topics.scanRequests }, { topic: dlq }]),
  );
  background.push(topicsReady);
  // The producers connect at start (InitProducerId, metadata), so the first webhook is
  // acknowledged as fast as the next one; the receiver is ready once its producer is.
  let producerConnected = false;
  background.push(
    forever('producer', async () => {
      await Promise.all([publisher.connect(), workerPublisher.connect()]);
      producerConnected = true;
    }),
  );

  let worker: RunningConsumer | undefined;
  let workerReady: Promise<void> = Promise.resolve();
  const runsWorker = deps.worker ?? config.INGEST_WORKER;
  if (runsWorker) {
    const collect = definition.collect(context);
    // The worker subscribes once its topic exists (a fresh broker has none yet).
    const workerStarted = topicsReady.then(() =>
      forever('worker', async () => {
        const started = await startSourceWorker({
          kafka,
          schema: definition.sourceEvent,
          groupId: deps.groupId ?? `${service}.worker`,
          topic: topics.sourceEvents,
          exposuresTopic: topics.exposures,
          publisher: workerPublisher,
          dlqTopic: dlq,
          logger: logger.child({ component: 'worker' }),
          collect,
          onHandled: (_event, ms, exposures) => detection.published(provider, ms / 1000, exposures),
          onCommitted: ({ deadLettered }) => detection.deadLettered(provider, deadLettered),
        });
        if (stopped) await started.stop();
        else worker = started;
      }),
    );
    background.push(workerStarted);
    workerReady = workerStarted.then(() => worker?.joined(120_000));
    workerReady.catch(() => {}); // awaited by tests; /readyz reports the same state
  }

  let scans: RunningConsumer | undefined;
  let scansReady: Promise<void> = Promise.resolve();
  if ((deps.worker ?? config.INGEST_WORKER) && definition.scans) {
    const run = definition.scans(context);
    scansReady = topicsReady.then(() =>
      forever('scan jobs', async () => {
        const started = await startScanJobWorker({
          kafka,
          provider,
          groupId: deps.groupId ? `${deps.groupId}.scans` : `${service}.scans`,
          topic: topics.scanRequests,
          exposuresTopic: topics.exposures,
          publisher: workerPublisher,
          dlqTopic: dlq,
          store,
          logger: logger.child({ component: 'scans' }),
          run,
        });
        if (stopped) await started.stop();
        else scans = started;
      }),
    );
    background.push(scansReady);
  }

  const app = createHttpServer({
    service,
    logger,
    metrics,
    readiness: {
      kafka: kafkaReady.check,
      mongodb: store.ping,
      producer: () => producerConnected,
      // A worker that has not joined its group yet would leave every event unscanned.
      ...(runsWorker ? { worker: () => worker?.readiness() ?? { ready: false, state: 'starting' } } : {}),
      ...((deps.worker ?? config.INGEST_WORKER) && definition.scans ? { scans: () => scans?.readiness() ?? { ready: false, state: 'starting' } } : {}),
    },
    bodyLimit: 1024 * 1024,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
  });
  if (deps.receiver ?? config.INGEST_RECEIVER ?? true) await app.register(async (scope) => definition.routes(scope, context));
  await app.listen({ host: config.HOST, port: config.PORT });
  const metricsPort = await listenOps(app, { host: config.METRICS_HOST ?? config.HOST, port: metricsPortFor(config) });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, worker: runsWorker }, `${service} listening`);

  return {
    port,
    metricsPort,
    app,
    context,
    workerReady,
    scansReady,
    async stop() {
      stopped = true;
      stopping.abort();
      await app.close();
      await pTimeout(Promise.allSettled(background), { milliseconds: 1000, fallback: () => undefined });
      await worker?.stop().catch((e: unknown) => logger.warn({ err: e }, 'worker stop failed'));
      await scans?.stop().catch((e: unknown) => logger.warn({ err: e }, 'scan-job worker stop failed'));
      await publisher.disconnect().catch((e: unknown) => logger.warn({ err: e }, 'publisher stop failed'));
      await workerPublisher.disconnect().catch((e: unknown) => logger.warn({ err: e }, 'worker publisher stop failed'));
      await kafkaReady.close();
      await store.close();
    },
  };
}
