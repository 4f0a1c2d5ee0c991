import { createKafka, createPublisher, ensureTopics, kafkaReadiness, type RetryPolicy, runConsumer } from '@keyguard/bus';
import { FindingEvent, KeyEvent, Topics } from '@keyguard/events';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, listenOps, metricsPortFor, startLoop } from '@keyguard/runtime';
import { createSecretBox } from '@keyguard/seal';
import {
  connectStore,
  createChannelDeliveryRepository,
  createChannelRepository,
  createDigestRepository,
  createInsightsRepository,
  createTeamDirectory,
  createTeamRepository,
  createWeeklyDigestRepository,
  type NotificationChannelDoc,
} from '@keyguard/store';
import { Counter, Histogram } from 'prom-client';
import { z } from 'zod';
import { createMailer } from './adapters/mailer.js';
import { createWebhookClient } from './adapters/webhook-client.js';
import { createWriteQueue } from './adapters/write-queue.js';
import type { Config } from './config.js';
import { createEventHandler } from './consumers/events.js';
import { createDeliveryWorker } from './workers/delivery-worker.js';
import { createDigestFlusher } from './workers/digest-flusher.js';
import { createWeeklyDigest } from './workers/weekly-digest.js';

const service = 'notifier';

/** Everything the notifier reads: key events and finding events (one union, by `type`). */
const NotifierEvent = z.discriminatedUnion('type', [...KeyEvent.options, ...FindingEvent.options]);

export interface NotifierDeps {
  logger?: Logger;
  topics?: { keyEvents?: string; findings?: string };
  groupId?: string;
  /** Backoff while the store is busy; defaults retry for about two minutes before the DLQ. */
  retry?: Partial<RetryPolicy>;
  /** How often the digest flusher and the delivery worker look for work (ms). */
  tickMs?: number;
  /** After a failed SMTP send, try that digest again this much later (default 5 s). */
  smtpRetryMs?: number;
  /** The weekly insights email's clock (tests). */
  now?: () => Date;
}

export interface RunningNotifier {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  stop(): Promise<void>;
}

/** A value read again at most every `ttlMs` (channels change rarely; every event needs them). */
function cached<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: { at: number; data: Promise<T> } | undefined;
  return () => {
    if (!value || Date.now() - value.at > ttlMs) {
      const data = load();
      value = { at: Date.now(), data };
      data.catch(() => {
        value = undefined;
      });
    }
    return value.data;
  };
}

/**
 * The notifier: turns key and finding events into digest emails (owners, admins, security
 * contacts) and signed channel deliveries, and runs the digest flusher and the delivery worker.
 */
export async function startService(config: Config, deps: NotifierDeps = {}): Promise<RunningNotifier> {
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const keyEventsTopic = deps.topics?.keyEvents ?? Topics.keyEvents;
  const findingsTopic = deps.topics?.findings ?? Topics.findings;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;
  try {
    const metrics = createMetrics(service);
    const sent = new Counter({ name: 'keyguard_notifier_emails_sent_total', help: 'Emails sent', registers: [metrics.registry] });
    const alerted = new Counter({
      name: 'keyguard_notifier_alert_items_emailed_total',
      help: 'Alert items emailed (several per digest email)',
      registers: [metrics.registry],
    });
    const attempts = new Counter({
      name: 'keyguard_notifier_channel_attempts_total',
      help: 'Channel delivery attempts',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    const latency = new Histogram({
      name: 'keyguard_notifier_channel_delivery_seconds',
      help: 'From the event to its successful channel delivery',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30, 300, 3600],
      registers: [metrics.registry],
    });
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    await ensureTopics(kafka, [{ topic: keyEventsTopic }, { topic: findingsTopic }, { topic: Topics.dlq }]);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger, concurrentWriters: config.MONGODB_CONCURRENT_WRITERS });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());
    const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
    lifecycle.onStop('smtp', async () => mailer.close());
    const client = createWebhookClient({ allowPrivate: config.KEYGUARD_ALLOW_PRIVATE_WEBHOOKS, timeoutMs: config.WEBHOOK_TIMEOUT_MS });
    lifecycle.onStop('webhook client', () => client.close());

    const writes = createWriteQueue({ concurrentWriters: store.capabilities.concurrentWriters });
    const digests = createDigestRepository(store);
    const deliveries = createChannelDeliveryRepository(store);
    // Deliveries logged before the queue existed (or by a process that died between its writes).
    const adopted = await deliveries.adoptUnfinished();
    if (adopted > 0) logger.info({ adopted }, 'queued the unfinished channel deliveries found in the log');
    const channelRepo = createChannelRepository(store);
    const teamDirectory = createTeamDirectory(store);
    // Who to tell changes rarely; every batch of events needs it.
    const recipients = new Map<string, () => ReturnType<typeof teamDirectory.recipients>>();
    const allContacts = cached(2000, teamDirectory.allSecurityContacts);
    const directory: typeof teamDirectory = {
      ...teamDirectory,
      recipients: (teamId) => {
        if (!recipients.has(teamId))
          recipients.set(
            teamId,
            cached(2000, () => teamDirectory.recipients(teamId)),
          );
        return recipients.get(teamId)!();
      },
      allSecurityContacts: allContacts,
    };
    const allChannels = cached(2000, channelRepo.all);
    const channelById = async (id: string): Promise<NotificationChannelDoc | null> =>
      (await allChannels()).find((c) => c._id === id) ?? (await channelRepo.byId(id));
    const tickMs = deps.tickMs ?? 500;

    const worker = createDeliveryWorker({
      deliveries,
      writes,
      channel: channelById,
      secrets: config.KEYGUARD_CHANNEL_ENCRYPTION_KEY ? createSecretBox(config.KEYGUARD_CHANNEL_ENCRYPTION_KEY) : null,
      client,
      backoff: { initialMs: config.WEBHOOK_RETRY_INITIAL_MS, maxMs: config.WEBHOOK_RETRY_MAX_MS, retryForMs: config.WEBHOOK_RETRY_FOR_MS },
      concurrency: 32,
      leaseMs: config.WEBHOOK_TIMEOUT_MS + 30_000,
      logger,
      onSettled: () => deliveryLoop.wake(),
      onAttempt: ({ delivery, ok }) => {
        attempts.inc({ outcome: ok ? 'ok' : 'failed' });
        if (ok) latency.observe((Date.now() - delivery.createdAt.getTime()) / 1000);
      },
    });
    // Woken by every delivery queued and every result recorded; a pass reads the whole queue of
    // unfinished deliveries (FerretDB decodes every document for it), so passes are 100 ms apart at least.
    const deliveryLoop = startLoop('deliveries', tickMs, () => worker.pass(), logger, { minGapMs: 100 });
    lifecycle.onStop('delivery worker', async () => {
      await deliveryLoop.stop();
      await worker.drain();
    });

    const flush = createDigestFlusher({
      digests,
      writes,
      directory,
      mailer,
      dashboardUrl: config.DASHBOARD_URL,
      defaultWindowMs: config.KEYGUARD_DIGEST_WINDOW_MS,
      smtpRetryMs: deps.smtpRetryMs ?? 5000,
      leaseMs: 60_000,
      logger,
      onSent: (items) => {
        sent.inc();
        alerted.inc(items);
      },
    });
    const digestLoop = startLoop('digests', tickMs, () => flush(), logger);
    lifecycle.onStop('digest flusher', () => digestLoop.stop());

    const weekly = createWeeklyDigest({
      directory: teamDirectory,
      teams: createTeamRepository(store),
      insights: createInsightsRepository(store),
      records: createWeeklyDigestRepository(store),
      mailer,
      dashboardUrl: config.DASHBOARD_URL,
      periodMs: config.WEEKLY_DIGEST_PERIOD_MS,
      leaseMs: 120_000,
      logger,
      onSent: () => sent.inc(),
    });
    const now = deps.now ?? (() => new Date());
    const weeklyLoop = startLoop(
      'weekly insights',
      config.WEEKLY_DIGEST_CHECK_MS,
      async () => {
        await weekly(now());
        return false;
      },
      logger,
    );
    lifecycle.onStop('weekly insights', () => weeklyLoop.stop());

    // Sent digest items only guard against a redelivery of their event, which comes within
    // minutes of a crash: an hour is plenty, and keeps the collection the flusher scans small.
    const prune = setInterval(
      () => {
        const hourAgo = new Date(Date.now() - 3600 * 1000);
        void Promise.all([digests.prune(hourAgo), deliveries.prune(new Date(Date.now() - 7 * 24 * 3600 * 1000))]).catch((err) =>
          logger.warn({ err }, 'prune failed'),
        );
      },
      10 * 60 * 1000,
    );
    prune.unref();
    lifecycle.onStop('prune', async () => clearInterval(prune));

    const handler = createEventHandler({
      digests,
      deliveries,
      writes,
      directory,
      channels: allChannels,
      dashboardUrl: config.DASHBOARD_URL,
      settleMs: config.DIGEST_SETTLE_MS,
      onQueued: () => deliveryLoop.wake(),
      onStored: (stats) => logger.debug(stats, 'notifications stored'),
    });
    const consumer = await runConsumer(kafka, {
      groupId: deps.groupId ?? 'keyguard.notifier',
      topics: [keyEventsTopic, findingsTopic],
      schema: NotifierEvent,
      handler: handler.handle,
      batchHandler: handler.handleBatch,
      publisher,
      logger,
      retry: { retries: 12, initialDelayMs: 250, maxDelayMs: 15_000, ...deps.retry },
    });
    lifecycle.onStop('kafka consumer', () => consumer.stop());

    const app = createHttpServer({ service, logger, metrics, readiness: { kafka: kafkaReady.check, mongodb: store.ping, consumer: consumer.readiness } });
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => app.close());
    const metricsPort = await listenOps(app, { host: config.METRICS_HOST ?? config.HOST, port: metricsPortFor(config) });
    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : config.PORT, metricsPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
