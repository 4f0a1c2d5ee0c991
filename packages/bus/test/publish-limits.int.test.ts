/**
 * Issue 10, item 1 at the bus: publishes larger than the broker's limit are chunked, a message
 * that alone exceeds it fails only its own publish, and after any produce error the producer
 * is healthy again (kafkajs's idempotent producer used to stay stuck on "out of order sequence
 * number" after a partially failed request).
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvelope, DeadLetter, Topics } from '@keyguard/events';
import { createLogger } from '@keyguard/logger';
import { createKafka, createPublisher, ensureTopics, type RunningConsumer, runConsumer } from '../src/index.js';
import { createTestTopic, readAll, uniqueName, waitForMessages } from '@keyguard/testkit/bus';

const logger = createLogger({ name: 'bus-limits-test', level: 'silent' });
const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'bus-limits-test', logger });
const publisher = createPublisher(kafka, { logger });

const blob = (n: number, bytes: number) => createEnvelope('blob', { n, data: randomBytes(bytes / 2).toString('hex') }, { source: 'bus-test' });

const running: RunningConsumer[] = [];
beforeAll(async () => {
  await ensureTopics(kafka, [{ topic: Topics.dlq }]);
});
afterAll(async () => {
  await Promise.all(running.map((c) => c.stop()));
  await publisher.disconnect();
});

describe('publish limits', () => {
  it('chunks a 3 MB publish under the broker limit, and a bursty mix of publishes all land', async () => {
    const topic = await createTestTopic(kafka, 'bus.big', 3);
    // 4,000 messages of ~750 bytes: ~3 MB, three times the broker's 1 MB request limit.
    const big = publisher.publish(
      topic,
      Array.from({ length: 4000 }, (_, i) => ({ key: `k${i}`, value: blob(i, 700) })),
    );
    const small = Array.from({ length: 30 }, (_, i) => publisher.publish(topic, [{ key: `s${i}`, value: blob(10_000 + i, 100) }]));
    await Promise.all([big, ...small]);
    expect((await readAll(kafka, topic, 30_000)).length).toBe(4030);
  });

  it('fails only the publish whose message alone exceeds the limit, then keeps working', async () => {
    const topic = await createTestTopic(kafka, 'bus.huge', 3);
    const huge = publisher.publish(topic, [{ key: 'huge', value: blob(0, 2_000_000) }]);
    const others = Array.from({ length: 20 }, (_, i) => publisher.publish(topic, [{ key: `o${i}`, value: blob(i + 1, 100) }]));
    await expect(huge).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE', retriable: false });
    await Promise.all(others);
    await publisher.publish(topic, [{ key: 'after', value: blob(99, 100) }]);
    expect((await readAll(kafka, topic)).map((m) => m.key).sort()).toEqual([...Array.from({ length: 20 }, (_, i) => `o${i}`), 'after'].sort());
  });

  it('recovers after the broker refuses part of a request, and fails only the publish at fault', async () => {
    // A topic whose own limit is far lower than ours: the broker refuses its batch while it
    // writes the other topic's batch of the same request. kafkajs then rolled back the
    // sequence numbers of both, and every later produce was refused as out of order.
    const limited = uniqueName('bus.small-limit');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: limited, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: '2000' }] }],
    });
    await admin.disconnect();
    const normal = await createTestTopic(kafka, 'bus.beside-refusal', 1);
    const together = [publisher.publish(normal, [{ key: 'n0', value: blob(0, 100) }]), publisher.publish(limited, [{ key: 'big', value: blob(1, 4000) }])];
    const [beside, refused] = await Promise.allSettled(together);
    expect(beside?.status).toBe('fulfilled');
    expect(refused).toMatchObject({ status: 'rejected', reason: { type: 'MESSAGE_TOO_LARGE' } });
    // Later publishes, to both topics, go through.
    await Promise.all(Array.from({ length: 10 }, (_, i) => publisher.publish(normal, [{ key: `n${i + 1}`, value: blob(i, 100) }])));
    await publisher.publish(limited, [{ key: 'fits', value: blob(2, 100) }]);
    expect(new Set((await readAll(kafka, normal)).map((m) => m.key))).toEqual(new Set(Array.from({ length: 11 }, (_, i) => `n${i}`)));
    expect((await readAll(kafka, limited)).map((m) => m.key)).toEqual(['fits']);
  });

  it('dead-letters a message whose handler fails with MESSAGE_TOO_LARGE at once, without retries', async () => {
    const topic = await createTestTopic(kafka, 'bus.dlq-large');
    const groupId = uniqueName('g');
    const Blob = z.object({ id: z.string(), payload: z.object({ n: z.number() }) });
    await publisher.publish(topic, [{ key: 'x', value: blob(1, 10) }]);
    let attempts = 0;
    running.push(
      await runConsumer(kafka, {
        groupId,
        topics: [topic],
        schema: Blob,
        publisher,
        logger,
        retry: { retries: 3, initialDelayMs: 10 },
        // What a worker does: publishes what it derived from the message, here far too much.
        handler: async () => {
          attempts += 1;
          await publisher.publish(topic, [{ key: 'derived', value: blob(2, 2_000_000) }]);
        },
      }),
    );
    const letters = await waitForMessages(kafka, Topics.dlq, { until: (all) => all.some((m) => (m.json as DeadLetter).payload.groupId === groupId) });
    const letter = letters.map((m) => DeadLetter.parse(m.json)).find((d) => d.payload.groupId === groupId)!;
    expect(letter.payload.error).toMatchObject({ code: 'MESSAGE_TOO_LARGE', retriable: false });
    expect(attempts).toBe(1);
  });
});
