import { createKafka, createPublisher, ensureTopics, kafkaReadiness, type RetryPolicy, runConsumer } from '@keyguard/bus';
import { ExposureDetected, Topics } from '@keyguard/events';
import { createExpirySweeper, createFindingRepository, createRevoker } from '@keyguard/keys';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics } from '@keyguard/runtime';
import { connectStore } from '@keyguard/store';
import { Counter } from 'prom-client';
import type { Config } from './config.js';
import { createExposureHandler } from './consumers/exposures.js';

const service = 'policy';

export interface PolicyDeps {
  logger?: Logger;
  /** Topic names (tests use fresh ones). */
  topics?: { exposures?: string; keyEvents?: string; findings?: string };
  groupId?: string;
  retry?: Partial<RetryPolicy>;
  /** Set false to run no periodic sweep (tests call `sweep()` themselves). */
  sweeper?: boolean;
}

export interface RunningPolicy {
  port: number;
  /** One expiry sweep now: revokes keys past their expiry date. */
  sweep(now?: Date): Promise<{ revoked: number; completed: number }>;
  stop(): Promise<void>;
}

/**
 * The policy service: consumes keyguard.exposures.v1 in batches (findings + the team's
 * auto-revoke policy), runs the expiry sweeper every SWEEP_INTERVAL_MS, serves health.
 */
export async function startService(config: Config, deps: PolicyDeps = {}): Promise<RunningPolicy> {
  const logger = deps.logger ?? createLogger({ name: service, level: config.LOG_LEVEL });
  const exposuresTopic = deps.topics?.exposures ?? Topics.exposures;
  const keyEventsTopic = deps.topics?.keyEvents ?? Topics.keyEvents;
  const findingsTopic = deps.topics?.findings ?? Topics.findings;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;

  try {
    const metrics = createMetrics(service);
    const exposuresTotal = new Counter({ name: 'keyguard_policy_exposures_total', help: 'Exposures handled', registers: [metrics.registry] });
    const revokedTotal = new Counter({ name: 'keyguard_policy_auto_revocations_total', help: 'Keys auto-revoked', registers: [metrics.registry] });
    const sweptTotal = new Counter({ name: 'keyguard_policy_expired_revocations_total', help: 'Keys revoked by the expiry sweeper', registers: [metrics.registry] });

    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger });
    await ensureTopics(kafka, [{ topic: exposuresTopic }, { topic: keyEventsTopic }, { topic: findingsTopic }, { topic: Topics.dlq }]);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());

    const revoker = createRevoker({ store, publisher, logger, source: service, keyEventsTopic, findingsTopic });
    const findings = createFindingRepository(store);
    const sweeper = createExpirySweeper({ store, revoker });
    const exposures = createExposureHandler({
      store,
      findings,
      revoker,
      logger,
      publisher,
      findingsTopic,
      source: service,
      onOutcome: (o) => {
        exposuresTotal.inc(o.exposures);
        revokedTotal.inc(o.revoked);
        logger.debug({ size: o.exposures, revoked: o.revoked, ms: o.timings }, 'exposures handled');
      },
    });
    const consumer = await runConsumer(kafka, {
      groupId: deps.groupId ?? 'keyguard.policy',
      topics: [exposuresTopic],
      schema: ExposureDetected,
      handler: (message) => exposures.handle([message]),
      batchHandler: exposures.handle,
      publisher,
      logger,
      retry: deps.retry,
    });
    // Closers run in reverse: the consumer stops first, then the revocations in hand finish.
    lifecycle.onStop('revocation finishers', () => exposures.drain());
    lifecycle.onStop('kafka consumer', () => consumer.stop());

    const sweep = async (now?: Date) => {
      const result = await sweeper.sweep(now);
      sweptTotal.inc(result.revoked);
      if (result.revoked > 0 || result.completed > 0) logger.info(result, 'expiry sweep');
      return result;
    };
    if (deps.sweeper !== false) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        sweep()
          .catch((err) => logger.error({ err }, 'expiry sweep failed'))
          .finally(() => {
            running = false;
          });
      }, config.SWEEP_INTERVAL_MS);
      timer.unref();
      lifecycle.onStop('expiry sweeper', async () => clearInterval(timer));
    }

    const app = createHttpServer({ service, logger, metrics, readiness: { kafka: kafkaReady.check, mongodb: store.ping } });
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    return { port, sweep, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
