import { createKafka, createPublisher, ensureTopics, kafkaReadiness, type RetryPolicy, runConsumer } from '@keyguard/bus';
import { KeyEvent, Topics } from '@keyguard/events';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, listenOps, metricsPortFor } from '@keyguard/runtime';
import { connectStore, createNotificationRepository } from '@keyguard/store';
import { Counter } from 'prom-client';
import { createMailer } from './adapters/mailer.js';
import type { Config } from './config.js';
import { createKeyEventHandler } from './consumers/key-events.js';

const service = 'notifier';

export interface NotifierDeps {
  logger?: Logger;
  topics?: { keyEvents?: string };
  groupId?: string;
  /** Backoff while SMTP is down; defaults retry for about two minutes before the DLQ. */
  retry?: Partial<RetryPolicy>;
}

export interface RunningNotifier {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  stop(): Promise<void>;
}

/** The notifier: emails the key owner for every key.revoked on keyguard.key-events.v1. */
export async function startService(config: Config, deps: NotifierDeps = {}): Promise<RunningNotifier> {
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const keyEventsTopic = deps.topics?.keyEvents ?? Topics.keyEvents;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;
  try {
    const metrics = createMetrics(service);
    const sent = new Counter({ name: 'keyguard_notifier_emails_sent_total', help: 'Emails sent', registers: [metrics.registry] });
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger });
    await ensureTopics(kafka, [{ topic: keyEventsTopic }, { topic: Topics.dlq }]);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());
    const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
    lifecycle.onStop('smtp', async () => mailer.close());

    const consumer = await runConsumer(kafka, {
      groupId: deps.groupId ?? 'keyguard.notifier',
      topics: [keyEventsTopic],
      schema: KeyEvent,
      handler: createKeyEventHandler({
        notifications: createNotificationRepository(store),
        mailer,
        dashboardUrl: config.DASHBOARD_URL,
        onSent: () => sent.inc(),
      }),
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
