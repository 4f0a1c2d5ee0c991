import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka, createPublisher, ensureTopics, type Kafka } from '@keyguard/bus';
import { uniqueName } from '@keyguard/testkit/bus';
import { type KeyState, TopicConfigs, Topics } from '@keyguard/events';
import { createLogger } from '@keyguard/logger';

export const logger = createLogger({ name: 'verify-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });

/** A Postman-format key generated at run time (never a committed literal). */
export const newKey = () => `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
export const sha = (raw: string) => createHash('sha256').update(raw).digest('hex');

export function state(over: Partial<KeyState> = {}): KeyState {
  return {
    keyId: `key_${randomBytes(10).toString('hex')}`,
    teamId: 'team_test',
    ownerId: 'usr_test',
    ownerEmail: 'owner@example.test',
    status: 'enabled',
    expiresAt: null,
    exposed: false,
    version: 1,
    changedAt: new Date().toISOString(),
    ...over,
  };
}

/** A fresh directory for revoked logs. */
export const scratchDir = () => mkdtempSync(join(tmpdir(), 'keyguard-verify-'));

/** A fresh compacted key-state topic (and a usage topic) on the broker at `brokers`, and a writer for it. */
export async function stateTopic(brokers: string[], extraConfig: Record<string, string> = {}, numPartitions = 3) {
  const kafka: Kafka = createKafka({ brokers, clientId: 'verify-test', logger });
  const topic = uniqueName('test.key-state');
  const usageTopic = uniqueName('test.key-usage');
  await ensureTopics(kafka, [
    { topic, numPartitions, config: { ...TopicConfigs[Topics.keyState], ...extraConfig } },
    { topic: usageTopic, numPartitions: 3 },
  ]);
  const publisher = createPublisher(kafka, { logger });
  return {
    kafka,
    topic,
    usageTopic,
    /** Writes the state of the key `raw` (its record key is the key's SHA-256, as keys-api writes it). */
    async put(raw: string, value: KeyState): Promise<void> {
      await publisher.publish(topic, [{ key: sha(raw), value }]);
    },
    async putMany(entries: [string, KeyState][]): Promise<void> {
      await publisher.publish(
        topic,
        entries.map(([raw, value]) => ({ key: sha(raw), value })),
      );
    },
    close: () => publisher.disconnect(),
  };
}

/** Polls `check` every few milliseconds until it holds; fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await check()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
