import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics } from '@keyguard/events';
import { createLogger } from '@keyguard/logger';
import { createKafka, createPublisher, ensureTopics, runConsumer, type RunningConsumer } from '../src/index.js';
import { createTestTopic, uniqueName } from '@keyguard/testkit/bus';

const logger = createLogger({ name: 'bus-membership-test', level: 'silent' });
const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'bus-membership-test', logger });
const publisher = createPublisher(kafka, { logger });
const Any = z.unknown();

const running: RunningConsumer[] = [];
function consume(topic: string, groupId: string, sessionTimeoutMs?: number) {
  return runConsumer(kafka, { groupId, topics: [topic], schema: Any, handler: async () => {}, publisher, logger, sessionTimeoutMs }).then((c) => {
    running.push(c);
    return c;
  });
}
const partitionsOf = (c: RunningConsumer, topic: string) => c.readiness().assignment[topic] ?? [];

beforeAll(async () => {
  await ensureTopics(kafka, [{ topic: Topics.dlq }]);
});
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await publisher.disconnect();
});

describe('consumer group membership (what /readyz reports)', () => {
  it('is ready once it has joined its group and holds its partitions, and not after it stopped', async () => {
    const topic = await createTestTopic(kafka, 'bus.ready', 3);
    const groupId = uniqueName('g');
    const c = await consume(topic, groupId);
    await c.joined(20_000);
    expect(c.readiness()).toMatchObject({ ready: true, groupId, state: 'member', joins: 1, assignment: { [topic]: [0, 1, 2] } });
    await c.stop();
    expect(c.readiness()).toMatchObject({ ready: false, state: 'stopped', assignment: {} });
  });

  it('shares the partitions with a second member and both stay ready through the rebalance', async () => {
    const topic = await createTestTopic(kafka, 'bus.share', 4);
    const groupId = uniqueName('g');
    const first = await consume(topic, groupId);
    await first.joined(20_000);
    const second = await consume(topic, groupId);
    await second.joined(20_000);
    await expect.poll(() => partitionsOf(first, topic).length + partitionsOf(second, topic).length, { timeout: 20_000 }).toBe(4);
    expect(partitionsOf(first, topic)).toHaveLength(2);
    expect(first.readiness().ready).toBe(true);
    expect(second.readiness().ready).toBe(true);
  });

  it('leaves its group when stopped: the other member holds every partition long before a 30 s session would expire', async () => {
    const topic = await createTestTopic(kafka, 'bus.leave', 4);
    const groupId = uniqueName('g');
    const leaving = await consume(topic, groupId, 30_000);
    const staying = await consume(topic, groupId, 30_000);
    await expect.poll(() => partitionsOf(staying, topic).length, { timeout: 20_000 }).toBe(2);
    const t0 = Date.now();
    await leaving.stop();
    // Without a LeaveGroup the coordinator would wait for the 30 s session to expire.
    await expect.poll(() => partitionsOf(staying, topic), { timeout: 15_000, interval: 50 }).toEqual([0, 1, 2, 3]);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(staying.readiness()).toMatchObject({ ready: true, state: 'member' });
  }, 60_000);
});
