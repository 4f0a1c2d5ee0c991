import kafkajs, { type Admin, Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';
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
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through our (redacting) logger. */
export function createKafka({ brokers, clientId, logger, maxRetryTimeMs }: CreateKafkaOptions): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
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
}

export interface TopicSpec {
  topic: string;
  numPartitions?: number;
  /** Topic-level settings, e.g. `{ 'cleanup.policy': 'compact' }` (see TopicConfigs in @keyguard/events). */
  config?: Record<string, string>;
}

/**
 * Creates the topics that do not exist yet (idempotent; safe from every service at start).
 * A topic that exists with a different `cleanup.policy` than its spec asks for gets it set:
 * a table topic must never be left on time-based deletion.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      // Another service creating one of them meanwhile is fine: kafkajs answers false then.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.numPartitions ?? 3,
          replicationFactor: 1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    const policed = topics.filter((t) => existing.has(t.topic) && t.config?.['cleanup.policy']);
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
          resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: spec.topic, configEntries: Object.entries(spec.config!).map(([name, value]) => ({ name, value })) }],
        });
      }
    }
  } finally {
    await admin.disconnect();
  }
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
