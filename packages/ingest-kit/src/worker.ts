import { type ConsumedMessage, HandlerError, type Kafka, type Publisher, type RunningConsumer, runConsumer } from '@keyguard/bus';
import { type Provider, SourceEventReceived } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';

export interface SourceWorkerOptions {
  kafka: Kafka;
  provider: Provider;
  groupId: string;
  topic: string;
  publisher: Publisher;
  logger: Logger;
  /** Fetches and scans one event's content, publishing its exposures. Throw `retriable(...)` for transient upstream failures. */
  handle: (event: SourceEventReceived, log: Logger) => Promise<void>;
  retry?: { retries?: number; initialDelayMs?: number; maxDelayMs?: number };
  /** Called after each handled event with its receive-to-done latency. */
  onHandled?: (event: SourceEventReceived, ms: number) => void;
}

/**
 * A service's worker: its own consumer group on the source-events topic, taking only its
 * provider's events. Transient failures are retried with backoff by the consumer; permanent
 * upstream failures (a deleted repository) are logged and the offset committed — nothing
 * crashes the worker and nothing blocks the partition forever.
 */
export async function startSourceWorker(options: SourceWorkerOptions): Promise<RunningConsumer> {
  return runConsumer(options.kafka, {
    groupId: options.groupId,
    topics: [options.topic],
    schema: SourceEventReceived,
    publisher: options.publisher,
    logger: options.logger,
    retry: { retries: 4, initialDelayMs: 250, maxDelayMs: 5000, ...options.retry },
    handler: async ({ value, log }: ConsumedMessage<SourceEventReceived>) => {
      if (value.payload.provider !== options.provider) return;
      const eventLog = log.child({ deliveryId: value.payload.deliveryId, kind: value.payload.kind, resourceId: value.payload.resourceId });
      try {
        await options.handle(value, eventLog);
        options.onHandled?.(value, Date.now() - Date.parse(value.payload.receivedAt));
      } catch (error) {
        if (error instanceof HandlerError && !error.retriable) {
          eventLog.warn({ code: error.code, reason: error.message }, 'event skipped: permanent upstream failure');
          return;
        }
        throw error;
      }
    },
  });
}
