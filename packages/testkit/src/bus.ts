/**
 * Helpers for integration tests against the real broker: fresh topic and group names per
 * test, and readers that wait for what a test expects to arrive.
 */
import { randomUUID } from 'node:crypto';
import { ensureTopics, type Kafka } from '@keyguard/bus';

export { topicConfig } from '@keyguard/bus';

export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}

export async function createTestTopic(kafka: Kafka, prefix = 'test', numPartitions = 1): Promise<string> {
  const topic = uniqueName(prefix);
  await ensureTopics(kafka, [{ topic, numPartitions }]);
  return topic;
}

export interface ReadMessage {
  key: string | null;
  value: string;
  json: unknown;
  partition: number;
  offset: string;
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;
}

/** How long a throwaway reader may take to join its group (a broker still loading its group coordinators answers late). */
const JOIN_TIMEOUT_MS = 30_000;

/**
 * Reads `topic` from the beginning with a throwaway group until `predicate` holds for what was
 * read (or `count` messages arrived), then returns everything read. Throws on timeout with
 * how many arrived; `timeoutMs` counts from when the reader joined its group.
 */
export async function waitForMessages(
  kafka: Kafka,
  topic: string,
  { count = 1, timeoutMs = 20_000, until }: { count?: number; timeoutMs?: number; until?: (messages: ReadMessage[]) => boolean } = {},
): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('test-reader'), maxWaitTimeInMs: 50 });
  const messages: ReadMessage[] = [];
  const done = until ?? ((m: ReadMessage[]) => m.length >= count);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let timer = setTimeout(() => reject(new Error(`waitForMessages(${topic}): the reader did not join its group in ${JOIN_TIMEOUT_MS} ms`)), JOIN_TIMEOUT_MS);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        timer = setTimeout(() => reject(new Error(`waitForMessages(${topic}): ${messages.length} message(s) after ${timeoutMs} ms`)), timeoutMs);
      });
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            const value = message.value?.toString('utf8') ?? '';
            let json: unknown;
            try {
              json = JSON.parse(value);
            } catch {
              json = undefined;
            }
            messages.push({ key: message.key?.toString('utf8') ?? null, value, json, partition, offset: message.offset, headers: message.headers });
            if (done(messages)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/**
 * Everything currently in `topic`: reads each partition up to its high watermark (by offset,
 * so a compacted topic, which holds fewer records than its offsets span, reads to its end too).
 */
export async function readAll(kafka: Kafka, topic: string, timeoutMs = 20_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const last = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high) - 1n]));
  if (last.size === 0) return [];
  return waitForMessages(kafka, topic, {
    timeoutMs,
    until: (messages) => {
      const m = messages.at(-1)!;
      if (last.get(m.partition) !== undefined && BigInt(m.offset) >= last.get(m.partition)!) last.delete(m.partition);
      return last.size === 0;
    },
  });
}

/**
 * Resolves once consumer group `groupId` has committed `topic` up to its end: every message
 * published so far (redeliveries included) was handled. What a test waits for before it counts
 * what did — or did not — happen, instead of sleeping.
 */
export async function waitForCommitted(kafka: Kafka, groupId: string, topic: string, { timeoutMs = 20_000 } = {}): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [ends, groups] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      const committed = new Map((groups[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      if (ends.every((end) => BigInt(end.high) === BigInt(end.low) || (committed.get(end.partition) ?? -1n) >= BigInt(end.high))) return;
      if (Date.now() > deadline) throw new Error(`group ${groupId} did not commit ${topic} to its end within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.disconnect();
  }
}
