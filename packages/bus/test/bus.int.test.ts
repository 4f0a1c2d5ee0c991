import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelope, DeadLetter, Topics } from '@keyguard/events';
import { createLogger } from '@keyguard/logger';
import { type ConsumerOptions, createKafka, createPublisher, ensureTopics, permanent, retriable, runConsumer, type RunningConsumer } from '../src/index.js';
import { createTestTopic, uniqueName, waitForMessages } from '@keyguard/testkit/bus';

const logger = createLogger({ name: 'bus-test', level: 'silent' });
const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'bus-test', logger });
const publisher = createPublisher(kafka, { logger });

const Ping = z.object({ id: z.string(), type: z.literal('ping'), payload: z.object({ n: z.number() }) });
const ping = (n: number) => createEnvelope('ping', { n }, { source: 'bus-test', id: `ping-${n}` });

/** Consumes `topic` as Ping messages with the shared publisher and logger; a fresh group unless given. */
function consumePings(
  topic: string,
  options: Omit<ConsumerOptions<typeof Ping>, 'topics' | 'schema' | 'publisher' | 'logger' | 'groupId'> & { groupId?: string },
) {
  return runConsumer(kafka, { ...options, groupId: options.groupId ?? uniqueName('g'), topics: [topic], schema: Ping, publisher, logger });
}

async function deadLettersOf(groupId: string, count: number) {
  const read = await waitForMessages(kafka, Topics.dlq, {
    until: (all) => all.filter((m) => (m.json as DeadLetter).payload.groupId === groupId).length >= count,
  });
  return read.map((m) => DeadLetter.parse(m.json)).filter((d) => d.payload.groupId === groupId);
}

const running: RunningConsumer[] = [];
beforeAll(async () => {
  await ensureTopics(kafka, [{ topic: Topics.dlq }]);
});
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await publisher.disconnect();
});

function eventually(check: () => boolean, timeoutMs = 20_000) {
  return new Promise<void>((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - t0 > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(tick, 25);
    };
    tick();
  });
}

async function committedOffset(groupId: string, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  return Number(result!.partitions[0]!.offset);
}

describe('bus against the real broker', () => {
  it('publishes, consumes and commits only after the handler succeeded', async () => {
    const topic = await createTestTopic(kafka, 'bus.happy');
    const groupId = uniqueName('g');
    await publisher.publish(
      topic,
      [1, 2, 3].map((n) => ({ key: `k${n}`, value: ping(n) })),
    );
    const seen: number[] = [];
    running.push(
      await consumePings(topic, {
        groupId,
        handler: async (m) => {
          seen.push(m.value.payload.n);
        },
      }),
    );
    await eventually(() => seen.length === 3);
    expect(seen).toEqual([1, 2, 3]);
    await expect.poll(() => committedOffset(groupId, topic), { timeout: 10_000 }).toBe(3);
  });

  it('retries a retriable failure, then succeeds without dead-lettering', async () => {
    const topic = await createTestTopic(kafka, 'bus.retry');
    await publisher.publish(topic, [{ key: 'a', value: ping(1) }]);
    let attempts = 0;
    const c = await consumePings(topic, {
      retry: { initialDelayMs: 10 },
      handler: async () => {
        attempts += 1;
        if (attempts < 3) throw retriable('UPSTREAM_503', 'upstream unavailable');
      },
    });
    running.push(c);
    await eventually(() => c.stats().processed === 1);
    expect(attempts).toBe(3);
    expect(c.stats()).toMatchObject({ retries: 2, deadLettered: 0 });
  });

  it('sends a message whose handler keeps failing to the DLQ after bounded retries, and loses nothing else', async () => {
    const topic = await createTestTopic(kafka, 'bus.dlq');
    const groupId = uniqueName('g');
    await publisher.publish(
      topic,
      [1, 2, 3].map((n) => ({ key: `k${n}`, value: ping(n) })),
    );
    const handled: number[] = [];
    let attemptsOn2 = 0;
    running.push(
      await consumePings(topic, {
        groupId,
        retry: { retries: 2, initialDelayMs: 5 },
        handler: async (m) => {
          if (m.value.payload.n === 2) {
            attemptsOn2 += 1;
            throw retriable('DB_DOWN', 'database unavailable');
          }
          handled.push(m.value.payload.n);
        },
      }),
    );
    const [letter] = await deadLettersOf(groupId, 1);
    expect(attemptsOn2).toBe(3);
    expect(letter!.payload).toMatchObject({
      originalTopic: topic,
      offset: '1',
      key: 'k2',
      reason: 'handler_failed',
      attempts: 3,
      error: { code: 'DB_DOWN', retriable: true },
    });
    expect(JSON.parse(Buffer.from(letter!.payload.valueBase64!, 'base64').toString())).toMatchObject({ id: 'ping-2', payload: { n: 2 } });
    await eventually(() => handled.length === 2);
    expect(handled).toEqual([1, 3]);
    await expect.poll(() => committedOffset(groupId, topic), { timeout: 10_000 }).toBe(3);
  });

  it('dead-letters a permanent failure at once', async () => {
    const topic = await createTestTopic(kafka, 'bus.permanent');
    const groupId = uniqueName('g');
    await publisher.publish(topic, [{ key: 'x', value: ping(7) }]);
    let attempts = 0;
    running.push(
      await consumePings(topic, {
        groupId,
        handler: async () => {
          attempts += 1;
          throw permanent('NOT_FOUND', 'repository deleted');
        },
      }),
    );
    const [letter] = await deadLettersOf(groupId, 1);
    expect(attempts).toBe(1);
    expect(letter!.payload.error).toEqual({ code: 'NOT_FOUND', message: 'repository deleted', retriable: false });
  });

  it('sends poison messages to the DLQ with the reason and keeps consuming', async () => {
    const topic = await createTestTopic(kafka, 'bus.poison');
    const groupId = uniqueName('g');
    await publisher.publish(topic, [
      { key: 'bad-json', value: Buffer.from('{not json') },
      { key: 'bad-shape', value: { id: 'x', type: 'ping', payload: { n: 'three' } } },
      { key: 'good', value: ping(3) },
    ]);
    const handled: number[] = [];
    running.push(
      await consumePings(topic, {
        groupId,
        handler: async (m) => {
          handled.push(m.value.payload.n);
        },
      }),
    );
    const letters = await deadLettersOf(groupId, 2);
    const byKey = Object.fromEntries(letters.map((l) => [l.payload.key, l.payload]));
    expect(byKey['bad-json']).toMatchObject({ reason: 'invalid', error: { code: 'INVALID_MESSAGE', message: 'value is not JSON' } });
    expect(byKey['bad-shape']).toMatchObject({ reason: 'invalid', error: { message: expect.stringContaining('payload.n') } });
    await eventually(() => handled.length === 1);
    expect(handled).toEqual([3]);
  });

  it('re-reads uncommitted messages after a consumer stops mid-batch', async () => {
    const topic = await createTestTopic(kafka, 'bus.restart');
    const groupId = uniqueName('g');
    await publisher.publish(
      topic,
      [1, 2, 3, 4].map((n) => ({ key: `k${n}`, value: ping(n) })),
    );
    const first: number[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((r) => {
      release = r;
    });
    const c1 = await consumePings(topic, {
      groupId,
      handler: async (m) => {
        first.push(m.value.payload.n);
        if (m.value.payload.n === 2) await blocked; // "crash" while handling message 2
      },
    });
    await eventually(() => first.includes(2));
    const stopped = c1.stop();
    release();
    await stopped;
    expect(await committedOffset(groupId, topic)).toBeLessThan(4);

    const second: number[] = [];
    running.push(
      await consumePings(topic, {
        groupId,
        handler: async (m) => {
          second.push(m.value.payload.n);
        },
      }),
    );
    await eventually(() => second.includes(4));
    expect(second[0]).toBe(1); // nothing of the interrupted batch was committed
    expect(new Set([...first, ...second])).toEqual(new Set([1, 2, 3, 4]));
    await expect.poll(() => committedOffset(groupId, topic), { timeout: 10_000 }).toBe(4);
  });

  it('keeps its group membership while a handler runs longer than the session timeout', async () => {
    const topic = await createTestTopic(kafka, 'bus.slow');
    const groupId = uniqueName('g');
    await publisher.publish(topic, [
      { key: 'slow', value: ping(1) },
      { key: 'next', value: ping(2) },
    ]);
    const handled: number[] = [];
    const c = await consumePings(topic, {
      groupId,
      sessionTimeoutMs: 6000, // the broker's minimum
      handler: async (m) => {
        if (m.value.payload.n === 1) await new Promise((r) => setTimeout(r, 8000));
        handled.push(m.value.payload.n);
      },
    });
    running.push(c);
    await eventually(() => handled.length === 2, 30_000);
    expect(handled).toEqual([1, 2]); // each once: no rebalance re-delivered the slow message
    await expect.poll(() => committedOffset(groupId, topic), { timeout: 10_000 }).toBe(2);
    expect(c.stats().deadLettered).toBe(0);
  }, 40_000);

  it('batches concurrent publishes into few produce requests', async () => {
    const topic = await createTestTopic(kafka, 'bus.batch');
    const local = createPublisher(kafka, { logger, lingerMs: 5 });
    await Promise.all(Array.from({ length: 200 }, (_, n) => local.publish(topic, [{ key: String(n), value: ping(n) }])));
    expect(local.stats().messages).toBe(200);
    expect(local.stats().batches).toBeLessThan(20);
    const read = await waitForMessages(kafka, topic, { count: 200 });
    expect(read).toHaveLength(200);
    await local.disconnect();
  });

  it('rejects a publish with KAFKA_UNAVAILABLE when no broker answers in time', async () => {
    const dead = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'dead', logger });
    const local = createPublisher(dead, { logger });
    await expect(local.publish(Topics.dlq, [{ key: 'k', value: ping(1) }], { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'KAFKA_UNAVAILABLE',
      retriable: true,
    });
  });
});
