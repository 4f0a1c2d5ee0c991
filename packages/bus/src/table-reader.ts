import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '@keyguard/logger';
import { fetchTopicOffsets } from './kafka.js';

export interface TableRecord {
  /** The record key (e.g. a key hash); null only for records written without one. */
  key: Buffer | null;
  /** The value; null is a tombstone (the key was deleted). */
  value: Buffer | null;
  partition: number;
  offset: string;
}

export interface TableReaderOptions {
  topic: string;
  logger: Logger;
  /**
   * Applies one fetched batch (records of one partition, in offset order). Synchronous on
   * purpose: the reader is the only writer of the caller's table, and nothing awaits between
   * batches. An exception is logged and the batch is skipped (a bad record must not stop the
   * follower; the next record for the same key supersedes it).
   */
  apply(records: TableRecord[]): void;
  /** Prefix of the reader's private consumer group (default `keyguard.table-reader`). */
  groupPrefix?: string;
  /** How long the broker holds an empty fetch: also how often an idle reader hears from Kafka. */
  maxWaitMs?: number;
}

export interface TableReader {
  /** Resolves once every record that was in the topic when the reader started has been applied. */
  ready(): Promise<void>;
  isReady(): boolean;
  /** `Date.now()` of the last fetch the broker answered (empty or not): how fresh the table is. */
  lastContactAt(): number;
  /** Records applied since start. */
  applied(): number;
  stop(): Promise<void>;
}

/**
 * Reads a compacted topic whole, from offset 0, and follows it: a table in memory, rebuilt at
 * every start (kafkajs has no group-less `assign()`, so each reader is the only member of a
 * consumer group of its own, named per start and deleted at stop). Its offsets are committed
 * after every batch, so when the broker goes away the consumer restarts from where it was (kafkajs
 * rejoins the same group) instead of re-reading the topic; nothing depends on that but speed,
 * since re-applying a record is harmless for a versioned table.
 */
export async function readTable(kafka: Kafka, options: TableReaderOptions): Promise<TableReader> {
  const log = options.logger.child({ component: 'table-reader', topic: options.topic });
  const groupId = `${options.groupPrefix ?? 'keyguard.table-reader'}.${randomUUID()}`;
  let contactAt = 0;
  let appliedCount = 0;
  let stopping = false;
  let consumer: Consumer | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  // Caught up = each partition's records below the high-water mark seen at start are applied.
  const startOffsets = await fetchTopicOffsets(kafka, options.topic);
  const behind = new Map<number, bigint>();
  for (const p of startOffsets) if (BigInt(p.high) > BigInt(p.low)) behind.set(p.partition, BigInt(p.high));
  let markReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const checkReady = () => {
    if (behind.size === 0) markReady();
  };
  checkReady();

  const toRecord = (partition: number, m: KafkaMessage): TableRecord => ({ key: m.key, value: m.value, partition, offset: m.offset });

  async function start(): Promise<void> {
    const c = kafka.consumer({
      groupId,
      maxWaitTimeInMs: options.maxWaitMs ?? 250,
      maxBytesPerPartition: 8 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
      sessionTimeout: 30_000,
      heartbeatInterval: 3000,
      retry: { retries: 10, restartOnFailure: async () => !stopping },
    });
    consumer = c;
    c.on(c.events.FETCH, () => {
      contactAt = Date.now();
    });
    // kafkajs restarts a consumer only after a retriable crash; a table reader must follow the
    // topic for as long as its process lives, so it starts over after any other crash too.
    c.on(c.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping) return;
      log.error({ err: payload.error }, 'table reader crashed; starting it again');
      restartTimer = setTimeout(() => {
        void c
          .disconnect()
          .catch(() => {})
          .then(() => (stopping ? undefined : start()))
          .catch((err: unknown) => log.error({ err }, 'table reader did not restart'));
      }, 1000);
    });
    await c.connect();
    await c.subscribe({ topic: options.topic, fromBeginning: true });
    await c.run({
      // Committed after every batch: a restart resumes from the last record applied.
      autoCommit: true,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        const records = batch.messages.map((m) => toRecord(batch.partition, m));
        try {
          options.apply(records);
        } catch (err) {
          log.error({ err, partition: batch.partition, firstOffset: batch.firstOffset() }, 'could not apply a batch; skipped');
        }
        appliedCount += records.length;
        contactAt = Date.now();
        const target = behind.get(batch.partition);
        if (target !== undefined && BigInt(batch.lastOffset()) + 1n >= target) {
          behind.delete(batch.partition);
          checkReady();
        }
      },
    });
  }

  await start();
  log.info({ groupId, partitions: startOffsets.length, toRead: [...behind.values()].reduce((a, b) => a + b, 0n).toString() }, 'table reader started');

  return {
    ready: () => readyPromise,
    isReady: () => behind.size === 0,
    lastContactAt: () => contactAt,
    applied: () => appliedCount,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      await consumer?.disconnect().catch(() => {});
      // The group was this reader's alone: leave nothing behind on the broker.
      const a = kafka.admin();
      await a
        .connect()
        .then(() => a.deleteGroups([groupId]))
        .catch(() => {})
        .finally(() => a.disconnect().catch(() => {}));
    },
  };
}
