import { type ConsumedMessage, HandlerError, type Kafka, type OutgoingMessage, type Publisher, type RunningConsumer, runConsumer } from '@keyguard/bus';
import { type Provider, SourceEventReceived } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import { mapLimit } from './upstream.js';

export interface SourceWorkerOptions {
  kafka: Kafka;
  provider: Provider;
  groupId: string;
  topic: string;
  /** Where exposures go. */
  exposuresTopic: string;
  publisher: Publisher;
  logger: Logger;
  /**
   * Fetches and scans one event's content and returns its exposure messages. Throw
   * `retriable(...)` for transient upstream failures, `permanent(...)` for ones to skip.
   */
  collect: (event: SourceEventReceived, log: Logger) => Promise<OutgoingMessage[]>;
  /** Events of one fetched batch handled at once (upstream calls in flight). */
  concurrency?: number;
  retry?: { retries?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** Called after each event's exposures are published, with its receive-to-published latency. */
  onHandled?: (event: SourceEventReceived, ms: number, exposures: number) => void;
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
 * A service's worker: its own consumer group on the source-events topic, taking only its
 * provider's events. A fetched batch is handled concurrently and its exposures published in
 * one produce before the offsets are committed. Transient failures are retried with backoff
 * (then message by message, then DLQ); permanent upstream failures (a deleted repository) are
 * logged and committed — nothing crashes the worker and nothing blocks a partition forever.
 */
export async function startSourceWorker(options: SourceWorkerOptions): Promise<RunningConsumer> {
  const concurrency = options.concurrency ?? 16;

  async function collectOne(message: ConsumedMessage<SourceEventReceived>): Promise<{ event: SourceEventReceived; messages: OutgoingMessage[]; log: Logger } | undefined> {
    const { value } = message;
    if (value.payload.provider !== options.provider) return undefined;
    const eventLog = lazyChild(options.logger, () => message.log, { deliveryId: value.payload.deliveryId, kind: value.payload.kind, resourceId: value.payload.resourceId });
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

  async function publish(results: ({ event: SourceEventReceived; messages: OutgoingMessage[]; log: Logger } | undefined)[]): Promise<void> {
    const done = results.filter((r) => r !== undefined);
    await options.publisher.publish(options.exposuresTopic, done.flatMap((r) => r.messages));
    const now = Date.now();
    for (const r of done) {
      r.log.info({ exposures: r.messages.length }, 'event scanned');
      options.onHandled?.(r.event, now - Date.parse(r.event.payload.receivedAt), r.messages.length);
    }
  }

  return runConsumer(options.kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    schema: SourceEventReceived,
    publisher: options.publisher,
    logger: options.logger,
    retry: { retries: 4, initialDelayMs: 250, maxDelayMs: 5000, ...options.retry },
    handler: async (message) => publish([await collectOne(message)]),
    batchHandler: async (messages) => publish(await mapLimit(messages, concurrency, collectOne)),
  });
}
