import { type ConsumedMessage, HandlerError, type Kafka, type OutgoingMessage, type Publisher, type RunningConsumer, runConsumer } from '@keyguard/bus';
import type { SourceEvent } from '@keyguard/events';
import type { z } from 'zod';
import type { Logger } from '@keyguard/logger';
import { mapLimit } from './upstream.js';

export interface SourceWorkerOptions<E extends SourceEvent> {
  kafka: Kafka;
  groupId: string;
  /** The provider's source-events topic, and its schema: every message is parsed by it before use. */
  topic: string;
  schema: z.ZodType<E>;
  /** Where exposures go. */
  exposuresTopic: string;
  publisher: Publisher;
  logger: Logger;
  /**
   * Fetches and scans one event's content and returns its exposure messages. Throw
   * `retriable(...)` for transient upstream failures, `permanent(...)` for ones to skip.
   */
  collect: (event: E, log: Logger) => Promise<OutgoingMessage[]>;
  /** Events of one fetched batch handled at once (upstream calls in flight). */
  concurrency?: number;
  retry?: { retries?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** Called after each event's exposures are published, with its receive-to-published latency. */
  onHandled?: (event: E, ms: number, exposures: number) => void;
  /** Where events that cannot be handled go (default `keyguard.dlq.v1`). */
  dlqTopic?: string;
  /** After each committed batch, with how many of its events went to the DLQ. */
  onCommitted?: (stats: { processed: number; deadLettered: number }) => void;
}

interface Collected<E> {
  event: E;
  messages: OutgoingMessage[];
  log: Logger;
}

/**
 * A child logger built only when a line is written at an enabled level: creating a redacting
 * pino child per event costs more than scanning a small diff.
 */
function lazyChild(base: Logger, parent: () => Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const get = () => {
    child ??= parent().child(bindings);
    return child;
  };
  return new Proxy(base, {
    get(target, property, receiver) {
      if (property === 'child') return (more: Record<string, unknown>) => get().child(more);
      if (typeof property === 'string' && ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(property)) {
        if (!target.isLevelEnabled(property)) return () => {};
        return get()[property as 'info'].bind(get());
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * A service's worker: its own consumer group on its provider's source-events topic, each
 * message parsed by that topic's schema (one that does not parse goes to the DLQ). A fetched batch is handled concurrently and its exposures published in
 * one produce before the offsets are committed. Transient failures are retried with backoff
 * (then message by message, then DLQ); permanent upstream failures (a deleted repository) are
 * logged and committed — nothing crashes the worker and nothing blocks a partition forever.
 */
export async function startSourceWorker<E extends SourceEvent>(options: SourceWorkerOptions<E>): Promise<RunningConsumer> {
  const concurrency = options.concurrency ?? 16;

  async function collectOne(message: ConsumedMessage<E>): Promise<Collected<E> | undefined> {
    const { value } = message;
    const eventLog = lazyChild(options.logger, () => message.log, {
      deliveryId: value.payload.deliveryId,
      kind: value.payload.kind,
      resourceId: value.payload.resourceId,
    });
    try {
      return { event: value, messages: await options.collect(value, eventLog), log: eventLog };
    } catch (error) {
      if (error instanceof HandlerError && !error.retriable) {
        eventLog.warn({ code: error.code, reason: error.message }, 'event skipped: permanent upstream failure');
        return undefined;
      }
      throw error;
    }
  }

  async function publish(results: (Collected<E> | undefined)[]): Promise<void> {
    const done = results.filter((r) => r !== undefined);
    await options.publisher.publish(
      options.exposuresTopic,
      done.flatMap((r) => r.messages),
    );
    const now = Date.now();
    for (const r of done) {
      r.log.info({ exposures: r.messages.length }, 'event scanned');
      options.onHandled?.(r.event, now - Date.parse(r.event.payload.receivedAt), r.messages.length);
    }
  }

  return runConsumer(options.kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    schema: options.schema,
    publisher: options.publisher,
    ...(options.dlqTopic ? { dlqTopic: options.dlqTopic } : {}),
    logger: options.logger,
    retry: { retries: 4, initialDelayMs: 250, maxDelayMs: 5000, ...options.retry },
    ...(options.onCommitted ? { onCommitted: options.onCommitted } : {}),
    handler: async (message) => publish([await collectOne(message)]),
    batchHandler: async (messages) => publish(await mapLimit(messages, concurrency, collectOne)),
  });
}
