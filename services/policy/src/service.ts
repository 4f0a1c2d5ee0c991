import { createKafka, createPublisher, ensureTopics, kafkaReadiness, type RetryPolicy, runConsumer } from '@keyguard/bus';
import { ExposureDetected, TopicConfigs, Topics } from '@keyguard/events';
import { createExpirySweeper, createFindingRecorder, createKeyStatePublisher, createRevoker } from '@keyguard/keys';
import { createLogger, type Logger } from '@keyguard/logger';
import { createHttpServer, createLifecycle, createMetrics, exposureToRevocationHistogram, listenOps, metricsPortFor } from '@keyguard/runtime';
import { connectStore, createTeamRepository, type Store } from '@keyguard/store';
import { Counter } from 'prom-client';
import type { Config } from './config.js';
import { createExposureHandler } from './consumers/exposures.js';
import { teamForPlace } from './domain/finding-team.js';

const service = 'policy';

/** keys-api's bootstrap team: findings nobody else claims go there unless FINDINGS_DEFAULT_TEAM says otherwise. */
const DEFAULT_FINDINGS_TEAM = 'team_default';

/** A typo in a team id would hide findings from every team: say so at start. */
async function warnAboutUnknownTeams(store: Store, teamIds: string[], logger: Logger): Promise<void> {
  if (teamIds.length === 0) return;
  const wanted = [...new Set(teamIds)];
  const found = await createTeamRepository(store).existing(wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0)
    logger.warn(
      { teams: missing },
      'FINDINGS_TEAMS / FINDINGS_DEFAULT_TEAM name teams that do not exist (yet): their findings are visible to no one until they do',
    );
}

export interface PolicyDeps {
  logger?: Logger;
  /** Topic names (tests use fresh ones). */
  topics?: { exposures?: string; keyEvents?: string; findings?: string; keyState?: string };
  groupId?: string;
  retry?: Partial<RetryPolicy>;
  /** Set false to run no periodic sweep (tests call `sweep()` themselves). */
  sweeper?: boolean;
}

export interface RunningPolicy {
  port: number;
  /** Where /readyz and /metrics are served. */
  metricsPort: number;
  /** One expiry sweep now: revokes keys past their expiry date. */
  sweep(now?: Date): Promise<{ revoked: number; completed: number }>;
  /** Resolves once the revocations started so far are finished (their audit entry, finding and event written). */
  drain(): Promise<void>;
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
  const keyStateTopic = deps.topics?.keyState ?? Topics.keyState;
  const lifecycle = createLifecycle(logger, { exit: false });
  const stop = lifecycle.stop;

  try {
    const metrics = createMetrics(service);
    const exposuresTotal = new Counter({ name: 'keyguard_policy_exposures_total', help: 'Exposures handled', registers: [metrics.registry] });
    const revokedTotal = new Counter({ name: 'keyguard_policy_auto_revocations_total', help: 'Keys auto-revoked', registers: [metrics.registry] });
    const sweptTotal = new Counter({
      name: 'keyguard_policy_expired_revocations_total',
      help: 'Keys revoked by the expiry sweeper',
      registers: [metrics.registry],
    });

    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
    await ensureTopics(kafka, [
      { topic: exposuresTopic },
      { topic: keyEventsTopic },
      { topic: findingsTopic },
      { topic: keyStateTopic, config: TopicConfigs[Topics.keyState] },
      { topic: Topics.dlq },
    ]);
    const kafkaReady = kafkaReadiness(kafka);
    lifecycle.onStop('kafka readiness', kafkaReady.close);
    const store = await connectStore({ uri: config.MONGODB_URI, logger, concurrentWriters: config.MONGODB_CONCURRENT_WRITERS });
    lifecycle.onStop('mongodb', () => store.close());
    const publisher = createPublisher(kafka, { logger });
    lifecycle.onStop('kafka producer', () => publisher.disconnect());

    const keyState = createKeyStatePublisher({ store, publisher, logger, topic: keyStateTopic });
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
    const routes = config.FINDINGS_TEAMS ?? [];
    const defaultTeam = config.FINDINGS_DEFAULT_TEAM ?? DEFAULT_FINDINGS_TEAM;
    const teamOf = teamForPlace(routes, defaultTeam);
    const findings = createFindingRecorder(store, { teamOf });
    // The bootstrap team may not exist yet on a first start (keys-api creates it): only what the operator named is checked.
    await warnAboutUnknownTeams(store, [...(config.FINDINGS_DEFAULT_TEAM ? [defaultTeam] : []), ...routes.map((r) => r.teamId)], logger);
    const sweeper = createExpirySweeper({ store, revoker });
    const exposures = createExposureHandler({
      store,
      findings,
      revoker,
      keyState,
      logger,
      publisher,
      findingsTopic,
      source: service,
      teamOf,
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
      // With one writer, more partitions at once would only queue for it.
      partitionsConsumedConcurrently: store.capabilities.concurrentWriters ? 6 : 3,
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

    const app = createHttpServer({
      service,
      logger,
      metrics,
      readiness: {
        kafka: kafkaReady.check,
        // With what the store can do: how this policy schedules its writes.
        mongodb: async () => ({ ready: await store.ping(), ...store.capabilities }),
        consumer: consumer.readiness,
      },
    });
    await app.listen({ host: config.HOST, port: config.PORT });
    lifecycle.onStop('http', () => app.close());
    const metricsPort = await listenOps(app, { host: config.METRICS_HOST ?? config.HOST, port: metricsPortFor(config) });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    return { port, metricsPort, sweep, drain: () => exposures.drain(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
