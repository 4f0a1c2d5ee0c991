import kafkajs, { type Admin, Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';
import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '@keyguard/logger';

export type { Kafka } from 'kafkajs';

export interface CreateKafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /**
   * Longest pause between reconnection attempts (kafkajs default 30 s). A client that must
   * notice a broker coming back quickly (a verifier) sets a few seconds.
   */
  maxRetryTimeMs?: number;
  /** Session timeout of every consumer group member made from this client (runConsumer's default; KAFKA_SESSION_TIMEOUT_MS). */
  sessionTimeoutMs?: number;
}

const sessionTimeouts = new WeakMap<Kafka, number>();

/** The session timeout `createKafka` was given for this client's consumers, if any. */
export const sessionTimeoutOf = (kafka: Kafka): number | undefined => sessionTimeouts.get(kafka);

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through our (redacting) logger. */
export function createKafka({ brokers, clientId, logger, maxRetryTimeMs, sessionTimeoutMs }: CreateKafkaOptions): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  const kafka = new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, retries: 8, ...(maxRetryTimeMs ? { maxRetryTime: maxRetryTimeMs } : {}) },
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[levels[level] ?? 'info'](rest, message);
      },
  });
  if (sessionTimeoutMs !== undefined) sessionTimeouts.set(kafka, sessionTimeoutMs);
  return kafka;
}

export interface TopicSpec {
  topic: string;
  /** Default 6 (defaultPartitions): enough partitions for six consumers of a group to share the work. */
  numPartitions?: number;
  /** Default: 3, or the number of brokers when there are fewer. */
  replicationFactor?: number;
  /** Topic-level settings, e.g. `{ 'cleanup.policy': 'compact' }` (see TopicConfigs in @keyguard/events). */
  config?: Record<string, string>;
}

/** Partitions a topic gets unless it says otherwise: the most consumers of one group that can share it. */
export const defaultPartitions = 6;

/**
 * Creates the topics that do not exist yet and grows those with fewer partitions than asked
 * (idempotent; safe from every service at start). Growing moves some keys to other partitions
 * once; every consumer here is idempotent, so that costs no correctness. A topic that exists
 * with a different `cleanup.policy` than its spec asks for gets it set: a table topic must
 * never be left on time-based deletion.
 *
 * Services start together and create the same topics: one wins, the others see "already
 * exists" or metadata without leaders for a moment. Those settle and are tried again (p-retry);
 * anything else is thrown.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  await pRetry(
    async () => {
      try {
        await ensureTopicsOnce(kafka, topics);
      } catch (error) {
        const e = error as { retriable?: boolean; type?: string; errors?: { type?: string }[] };
        const settles = e.retriable === true || e.type === 'TOPIC_ALREADY_EXISTS' || e.errors?.every((x) => x.type === 'TOPIC_ALREADY_EXISTS');
        throw settles ? error : new AbortError(error as Error);
      }
    },
    { retries: 9, minTimeout: 300, factor: 1.5 },
  );
}

async function ensureTopicsOnce(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      const { brokers } = await admin.describeCluster();
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.numPartitions ?? defaultPartitions,
          replicationFactor: t.replicationFactor ?? Math.min(3, brokers.length),
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    const present = topics.filter((t) => existing.has(t.topic));
    // Best effort: a topic another service created a moment ago may not have its leaders yet;
    // growing it waits for the next start rather than failing this one.
    if (present.length > 0) await growPartitions(admin, present).catch(() => {});
    const policed = present.filter((t) => t.config?.['cleanup.policy']);
    if (policed.length > 0) {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: policed.map((t) => ({ type: kafkajs.ConfigResourceTypes.TOPIC, name: t.topic, configNames: ['cleanup.policy'] })),
      });
      for (const resource of described.resources) {
        const spec = policed.find((t) => t.topic === resource.resourceName)!;
        const current = resource.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue;
        if (current === spec.config!['cleanup.policy']) continue;
        await admin.alterConfigs({
          validateOnly: false,
          resources: [
            {
              type: kafkajs.ConfigResourceTypes.TOPIC,
              name: spec.topic,
              configEntries: Object.entries(spec.config!).map(([name, value]) => ({ name, value })),
            },
          ],
        });
      }
    }
  } finally {
    await admin.disconnect();
  }
}

async function growPartitions(admin: Admin, present: TopicSpec[]): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.topic) });
  const grow = present
    .map((t) => ({ topic: t.topic, count: t.numPartitions ?? defaultPartitions, has: metadata.topics.find((m) => m.name === t.topic)?.partitions.length ?? 0 }))
    .filter((t) => t.has > 0 && t.has < t.count);
  if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow.map(({ topic, count }) => ({ topic, count })) });
}

type TopicOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

/**
 * Each partition's low and high offsets. A topic created a moment ago may not have a leader
 * everywhere yet (NOT_LEADER_FOR_PARTITION, which kafkajs passes on here): asked again shortly.
 */
export async function fetchTopicOffsets(kafka: Kafka, topic: string, attempts = 8): Promise<TopicOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await admin.fetchTopicOffsets(topic);
      } catch (error) {
        if (attempt >= attempts || (error as { retriable?: boolean }).retriable !== true) throw error;
        await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** True when `topic` holds no record (never written, or everything in it was deleted). */
export async function topicIsEmpty(kafka: Kafka, topic: string): Promise<boolean> {
  const offsets = await fetchTopicOffsets(kafka, topic);
  return offsets.every((p) => BigInt(p.high) <= BigInt(p.low));
}

/** A topic's settings as the broker reports them (e.g. `cleanup.policy`). */
export async function topicConfig(kafka: Kafka, topic: string): Promise<Record<string, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries((resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
  } finally {
    await admin.disconnect();
  }
}
