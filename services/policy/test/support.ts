import { createKafka, createPublisher } from '@keyguard/bus';
import { uniqueName, waitForCommitted } from '@keyguard/testkit/bus';
import { createEnvelope, type ExposureLocation } from '@keyguard/events';
import { hashApiKey, issueApiKey, newId } from '@keyguard/keys';
import { uriWithDatabase } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { type ApiKeyDoc, connectStore, type Store, type TeamSettings } from '@keyguard/store';
import { uniqueDbName } from '@keyguard/testkit/store';
import { Config } from '../src/config.js';
import { startService } from '../src/service.js';

export const logger = createLogger({ name: 'policy-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });

/**
 * A policy service on fresh topics, group and database, plus what a test needs to drive it.
 * `env` overrides settings; `mongoUri` picks another store (the multi-writer profile).
 */
export async function startPolicy(env: Record<string, string> = {}, { mongoUri = process.env.MONGODB_URI! }: { mongoUri?: string } = {}) {
  const dbName = uniqueDbName('policy');
  const topics = {
    exposures: uniqueName('keyguard.exposures'),
    keyEvents: uniqueName('keyguard.key-events'),
    findings: uniqueName('keyguard.findings'),
    keyState: uniqueName('keyguard.key-state'),
  };
  const config = Config.parse({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: uriWithDatabase(mongoUri, dbName),
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const store: Store = await connectStore({ uri: mongoUri, dbName, logger });
  const groupId = uniqueName('policy');
  const running = await startService(config, { logger, topics, groupId, sweeper: false });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'policy-test', logger });
  const publisher = createPublisher(kafka, { logger });

  async function team(settings: Partial<TeamSettings> = {}) {
    const teamId = newId('team');
    const now = new Date();
    await store.collections.teams.insertOne({
      _id: teamId,
      name: teamId,
      settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false, ...settings },
      createdAt: now,
      updatedAt: now,
    });
    const userId = newId('usr');
    const email = `${userId}@example.test`;
    await store.collections.users.insertOne({ _id: userId, teamId, email, name: 'Owner', role: 'member', createdAt: now });
    return { teamId, userId, email };
  }

  async function key(owner: { teamId: string; userId: string }, overrides: Partial<ApiKeyDoc> = {}) {
    const material = issueApiKey();
    const record: ApiKeyDoc = {
      _id: newId('key'),
      hash: material.hash,
      preview: material.preview,
      name: 'a key',
      teamId: owner.teamId,
      createdBy: owner.userId,
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      status: 'enabled',
      revokedAt: null,
      revocation: null,
      exposure: null,
      ...overrides,
    };
    await store.collections.apiKeys.insertOne(record);
    return { ...record, raw: material.raw };
  }

  let n = 0;
  /** Publishes an ExposureDetected for `raw` (hashed here, as the scanners do); returns the event. */
  async function expose(raw: string, location: Partial<ExposureLocation> = {}, options: { id?: string; ruleId?: string; detectedAt?: Date } = {}) {
    n += 1;
    const event = createEnvelope(
      'exposure.detected',
      {
        tokenHash: hashApiKey(raw),
        ruleId: options.ruleId ?? 'postman-api-key',
        redacted: `${raw.slice(0, 5)}…${raw.slice(-4)}`,
        confidence: 'high' as const,
        detectedAt: (options.detectedAt ?? new Date()).toISOString(),
        location: {
          source: 'github' as const,
          kind: 'commit',
          url: `https://github.com/o/r/blob/c${n}/a.json`,
          repository: 'o/r',
          commit: `c${n}`,
          path: 'a.json',
          line: 1,
          ...location,
        },
      },
      { source: 'test', id: options.id },
    );
    await publisher.publish(topics.exposures, [{ key: event.payload.tokenHash, value: event }]);
    return event;
  }

  /** Publishes the exact same event again (a redelivery). */
  async function redeliver(event: Awaited<ReturnType<typeof expose>>) {
    await publisher.publish(topics.exposures, [{ key: event.payload.tokenHash, value: event }]);
  }

  /** Every exposure published so far is handled and the revocations it started are finished. */
  async function settled() {
    await waitForCommitted(kafka, groupId, topics.exposures);
    await running.drain();
  }

  return {
    store,
    kafka,
    topics,
    running,
    settled,
    team,
    key,
    expose,
    redeliver,
    publisher,
    async stop() {
      await publisher.disconnect();
      await running.stop();
      await store.db.dropDatabase();
      await store.close();
    },
  };
}
export type PolicyHarness = Awaited<ReturnType<typeof startPolicy>>;
