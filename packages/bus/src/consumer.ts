import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import pRetry from 'p-retry';
import type { z } from 'zod';
import { createEnvelope, Topics } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import { errorCode, isRetriable } from './errors.js';
import { sessionTimeoutOf } from './kafka.js';
import { type MembershipStatus, trackMembership } from './membership.js';
import type { Publisher } from './publisher.js';

export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  /** A child logger carrying the message's event and correlation ids. */
  log: Logger;
}

export interface RetryPolicy {
  /** Attempts after the first, for retriable errors. */
  retries: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ConsumerOptions<S extends z.ZodType> {
  groupId: string;
  topics: string[];
  /** Decodes each message value (parsed JSON); a value it rejects goes to the DLQ as `invalid`. */
  schema: S;
  /** Handles one message. Must be idempotent: a message is redelivered until it is committed. */
  handler: (message: ConsumedMessage<z.output<S>>) => Promise<void>;
  /**
   * Optional faster path: handles all valid messages of one fetched batch at once. When it
   * fails (after retries), the batch is handled again message by message with `handler`, so a
   * single poison message ends up in the DLQ and the rest go through.
   */
  batchHandler?: (messages: ConsumedMessage<z.output<S>>[]) => Promise<void>;
  /** Producer for the DLQ. */
  publisher: Publisher;
  /** Where dead letters go (default `keyguard.dlq.v1`). The caller makes sure the topic exists. */
  dlqTopic?: string;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  fromBeginning?: boolean;
  /**
   * How long the group waits for a heartbeat before it drops this member (default: what
   * `createKafka` was given, KAFKA_SESSION_TIMEOUT_MS, else `defaultSessionTimeoutMs`). Handlers may take longer: the runner heartbeats every second
   * while they run.
   */
  sessionTimeoutMs?: number;
  /** Partitions whose batches are handled at the same time (default 3). */
  partitionsConsumedConcurrently?: number;
  /** Called after each committed batch: for metrics. */
  onCommitted?: (stats: { processed: number; deadLettered: number }) => void;
}

export interface RunningConsumer {
  consumer: Consumer;
  /** Finishes the batch in hand, commits it, leaves the group (LeaveGroup: no one waits for its session to expire). */
  stop(): Promise<void>;
  stats(): { processed: number; deadLettered: number; retries: number };
  /** For /readyz: ready only while this consumer is in its group and holds its assignment. */
  readiness(): MembershipStatus;
  /** Resolves once the consumer has joined its group (rejects after `timeoutMs`). */
  joined(timeoutMs?: number): Promise<void>;
}

/**
 * 6 s, the broker's default `group.min.session.timeout.ms` (so any broker accepts it): a
 * member that died without leaving (kill -9, a lost machine) holds its partitions this long.
 * kafkajs has neither static membership (KIP-345: it never sends `group.instance.id`) nor
 * cooperative rebalancing (KIP-429), so a short session is the lever for crash recovery; a
 * graceful stop leaves the group at once. Measured in `npm run bench:rejoin`.
 */
export const defaultSessionTimeoutMs = 6000;

/** Values larger than this are dead-lettered without their bytes (only their size). */
const MAX_DEAD_LETTER_COPY_BYTES = 512 * 1024;

/** Heartbeats every second while `work` runs, so a slow handler keeps the group membership. */
async function keepingAlive<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => heartbeat().catch(() => {}), 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

function decode<S extends z.ZodType>(schema: S, message: KafkaMessage): Decoded<z.output<S>> {
  if (!message.value) return { ok: false, message: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, message: 'value is not JSON' };
  }
  const result = schema.safeParse(json, { reportInput: false });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, message: issues.join('; ') };
}

/**
 * Consumes `topics` with `autoCommit: false`: offsets are committed only after every
 * message up to them was handled or dead-lettered, so a crash re-reads what was not done.
 * Retriable handler errors are retried with exponential backoff; after the last retry, or
 * at once for other errors, the message goes to the DLQ (`dlqTopic`) with the reason.
 */
export async function runConsumer<S extends z.ZodType>(kafka: Kafka, options: ConsumerOptions<S>): Promise<RunningConsumer> {
  const policy: RetryPolicy = { retries: 3, initialDelayMs: 100, maxDelayMs: 5000, ...options.retry };
  const log = options.logger.child({ groupId: options.groupId });
  const sessionTimeout = options.sessionTimeoutMs ?? sessionTimeoutOf(kafka) ?? defaultSessionTimeoutMs;
  const consumer = kafka.consumer({
    groupId: options.groupId,
    sessionTimeout,
    // Three heartbeats per session (Kafka's rule of thumb), at most one a second.
    heartbeatInterval: Math.min(1000, Math.floor(sessionTimeout / 3)),
    maxWaitTimeInMs: 50,
    retry: {
      retries: 10,
      // kafkajs gives up for good after a crash it deems permanent (e.g. the group dropped this
      // member); a service must not silently stop consuming, so it always rejoins. Nothing is
      // lost: whatever was not committed is read again.
      restartOnFailure: async (error) => {
        log.error({ err: error }, 'consumer crashed; restarting');
        return !stopping;
      },
    },
  });
  const counters = { processed: 0, deadLettered: 0, retries: 0 };
  let stopping = false;
  const membership = trackMembership(consumer, { groupId: options.groupId, sessionTimeoutMs: sessionTimeout });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    log.info({ memberId: payload.memberId, assignment: payload.memberAssignment, ms: payload.duration }, 'joined consumer group');
  });

  /** Retriable errors again after initialDelayMs, doubling up to maxDelayMs (p-retry), unless the consumer is stopping. */
  async function withRetries(what: () => Promise<void>, isStopping: () => boolean): Promise<{ error?: unknown; attempts: number }> {
    let attempts = 0;
    try {
      await pRetry(
        async () => {
          attempts += 1;
          await what();
        },
        {
          retries: policy.retries,
          factor: 2,
          minTimeout: policy.initialDelayMs,
          maxTimeout: policy.maxDelayMs,
          randomize: false,
          shouldRetry: (error) => {
            const again = isRetriable(error) && attempts <= policy.retries && !isStopping();
            if (again) counters.retries += 1;
            return again;
          },
        },
      );
      return { attempts };
    } catch (error) {
      return { error, attempts };
    }
  }

  async function deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: 'invalid' | 'handler_failed',
    error: { code: string; message: string; retriable: boolean },
    attempts: number,
  ) {
    const key = message.key?.toString('utf8') ?? null;
    // A copy of a value near the produce limit would not fit the letter (base64 grows it by a
    // third): the DLQ would refuse it and the batch would never be committed. Keep its size.
    const copy = message.value !== null && message.value.length <= MAX_DEAD_LETTER_COPY_BYTES;
    const letter = createEnvelope(
      'dlq.dead_letter',
      {
        originalTopic: topic,
        partition,
        offset: message.offset,
        key,
        valueBase64: copy ? (message.value as Buffer).toString('base64') : null,
        ...(message.value && !copy ? { valueBytes: message.value.length } : {}),
        groupId: options.groupId,
        reason,
        error,
        attempts,
        failedAt: new Date().toISOString(),
      },
      { source: options.groupId, id: randomUUID() },
    );
    // If the DLQ cannot be written, this throws: the batch is not committed and comes back.
    await options.publisher.publish(options.dlqTopic ?? Topics.dlq, [{ key, value: letter }]);
    counters.deadLettered += 1;
    log.warn({ topic, partition, offset: message.offset, reason, code: error.code }, 'message sent to DLQ');
  }

  function toConsumed(topic: string, partition: number, message: KafkaMessage, value: z.output<S>): ConsumedMessage<z.output<S>> {
    const v = value as { id?: unknown; correlationId?: unknown };
    let child: Logger | undefined;
    return {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      value,
      // Built on first use: a redacting pino child per message costs more than most handlers.
      get log() {
        child ??= log.child({ topic, partition, offset: message.offset, eventId: v.id, correlationId: v.correlationId });
        return child;
      },
    };
  }

  /** True when the message went to the DLQ. */
  async function handleOne(topic: string, partition: number, message: KafkaMessage, consumed: ConsumedMessage<z.output<S>>): Promise<boolean> {
    const { error, attempts } = await withRetries(
      () => options.handler(consumed),
      () => false,
    );
    if (error === undefined) return false;
    const described = {
      code: errorCode(error),
      message: error instanceof Error ? error.message.slice(0, 500) : String(error),
      retriable: isRetriable(error),
    };
    consumed.log.error({ err: error, attempts }, 'handler failed');
    await deadLetter(topic, partition, message, 'handler_failed', described, attempts);
    return true;
  }

  async function eachBatch({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload) {
    const { topic, partition } = batch;
    const valid: { message: KafkaMessage; consumed: ConsumedMessage<z.output<S>> }[] = [];
    let deadLettered = 0;
    for (const message of batch.messages) {
      const decoded = decode(options.schema, message);
      if (decoded.ok) valid.push({ message, consumed: toConsumed(topic, partition, message, decoded.value) });
      else {
        await deadLetter(topic, partition, message, 'invalid', { code: 'INVALID_MESSAGE', message: decoded.message, retriable: false }, 0);
        deadLettered += 1;
      }
    }

    let handledAsBatch = false;
    if (options.batchHandler && valid.length > 0) {
      const { error } = await keepingAlive(heartbeat, () =>
        withRetries(
          () => options.batchHandler!(valid.map((v) => v.consumed)),
          () => stopping,
        ),
      );
      handledAsBatch = error === undefined;
      if (error !== undefined) log.warn({ err: error, topic, partition, size: valid.length }, 'batch failed; handling one by one');
    }
    if (!handledAsBatch) {
      for (const { message, consumed } of valid) {
        if (!isRunning() || isStale()) return; // rebalanced away: the next owner re-reads from the last commit
        if (await keepingAlive(heartbeat, () => handleOne(topic, partition, message, consumed))) deadLettered += 1;
      }
    }

    const last = batch.messages.at(-1);
    if (last && isRunning() && !isStale()) {
      resolveOffset(last.offset);
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      counters.processed += valid.length;
      options.onCommitted?.({ processed: valid.length, deadLettered });
    }
  }

  await consumer.connect();
  // A topic another service created a moment ago may have no leader yet (UNKNOWN_TOPIC_OR_PARTITION,
  // retriable): subscribing again shortly beats failing the start and waiting for a restart.
  for (const topic of options.topics) {
    await pRetry(() => consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true }), {
      retries: 8,
      minTimeout: 100,
      maxTimeout: 2000,
      shouldRetry: (error) => (error as { retriable?: boolean }).retriable === true,
    });
  }
  const runConfig = {
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    eachBatch,
  };
  // kafkajs restarts a consumer only after a retriable crash. Some crashes it deems final are
  // not: after a broker outage longer than the session, committing answers UNKNOWN_MEMBER_ID
  // ("the coordinator is not aware of this member"), and the consumer would stay stopped while
  // the process lives on. A service must never silently stop consuming: it joins again.
  let restartTimer: NodeJS.Timeout | undefined;
  const restart = async (delayMs: number) => {
    if (stopping) return;
    try {
      await consumer.connect();
      await consumer.run(runConfig);
      log.info({ topics: options.topics }, 'consumer running again');
    } catch (error) {
      log.error({ err: error }, 'consumer did not start again; retrying');
      const next = Math.min(10_000, delayMs * 2);
      restartTimer = setTimeout(() => void restart(next), next);
    }
  };
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || stopping) return;
    log.error({ err: payload.error }, 'consumer stopped after an error kafkajs does not retry; joining again');
    restartTimer = setTimeout(() => void restart(500), 500);
  });
  await consumer.run(runConfig);
  log.info({ topics: options.topics }, 'consumer running');

  return {
    consumer,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      await consumer.disconnect();
      log.info('left consumer group');
    },
    stats: () => ({ ...counters }),
    readiness: membership.status,
    joined: membership.joined,
  };
}
