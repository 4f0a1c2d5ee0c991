import { Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '@keyguard/logger';

export type { Kafka } from 'kafkajs';

export interface CreateKafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through our (redacting) logger. */
export function createKafka({ brokers, clientId, logger }: CreateKafkaOptions): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, retries: 8 },
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        log[levels[level] ?? 'info'](rest, message);
      },
  });
}

export interface TopicSpec {
  topic: string;
  /** Default 6: enough partitions for six consumers of a group to share the work. */
  numPartitions?: number;
  /** Default: 3, or the number of brokers when there are fewer. */
  replicationFactor?: number;
}

async function growPartitions(admin: ReturnType<Kafka['admin']>, present: TopicSpec[]): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.topic) });
  const grow = present
    .map((t) => ({ topic: t.topic, count: t.numPartitions ?? defaultPartitions, has: metadata.topics.find((m) => m.name === t.topic)?.partitions.length ?? 0 }))
    .filter((t) => t.has > 0 && t.has < t.count);
  if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow.map(({ topic, count }) => ({ topic, count })) });
}

/** Partitions a topic gets unless it says otherwise: the most consumers of one group that can share it. */
export const defaultPartitions = 6;

/**
 * Creates the topics that do not exist yet and grows those with fewer partitions than asked
 * (idempotent; safe from every service at start). Growing moves some keys to other partitions
 * once; every consumer here is idempotent, so that costs no correctness.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  // Services start together and create the same topics: one wins, the others see "already
  // exists" or metadata without leaders for a moment. Those settle; anything else is thrown.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureTopicsOnce(kafka, topics);
    } catch (error) {
      const e = error as { retriable?: boolean; type?: string; errors?: { type?: string }[] };
      const settles = e.retriable === true || e.type === 'TOPIC_ALREADY_EXISTS' || e.errors?.every((x) => x.type === 'TOPIC_ALREADY_EXISTS');
      if (!settles || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
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
        })),
      });
    }
    const present = topics.filter((t) => existing.has(t.topic));
    // Best effort: a topic another service created a moment ago may not have its leaders yet;
    // growing it waits for the next start rather than failing this one.
    if (present.length > 0) await growPartitions(admin, present).catch(() => {});
  } finally {
    await admin.disconnect();
  }
}
