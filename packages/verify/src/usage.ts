import type { OutgoingMessage, Publisher } from '@keyguard/bus';
import { createEnvelope, type KeyUsedPayload } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';

interface Usage {
  teamId: string;
  count: number;
  first: number;
  last: number;
}

export interface UsageReporterOptions {
  publisher: Publisher;
  topic: string;
  /** This verifier's id (one per process start), carried on every report. */
  verifierId: string;
  logger: Logger;
  /** Reports go out at most this often per key (default 1000 ms). */
  intervalMs?: number;
}

/**
 * Coalesces valid verifications per key: at most one keyguard.key-usage.v1 message per key per
 * interval, with the count and the first and last use in it. Flushes are chained (the next
 * waits a full interval after the last one started), so two reports of one key are never
 * closer than the interval. A report Kafka does not take is merged back and sent with the next.
 */
export function createUsageReporter(options: UsageReporterOptions) {
  const intervalMs = options.intervalMs ?? 1000;
  let pending = new Map<string, Usage>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;

  function mergeBack(batch: Map<string, Usage>): void {
    for (const [keyId, u] of batch) {
      const now = pending.get(keyId);
      if (!now) pending.set(keyId, u);
      else {
        now.count += u.count;
        now.first = Math.min(now.first, u.first);
        now.last = Math.max(now.last, u.last);
      }
    }
  }

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const messages: OutgoingMessage[] = [];
    for (const [keyId, u] of batch) {
      const payload: KeyUsedPayload = {
        keyId,
        teamId: u.teamId,
        count: u.count,
        firstUsedAt: new Date(u.first).toISOString(),
        lastUsedAt: new Date(u.last).toISOString(),
        verifier: options.verifierId,
      };
      messages.push({ key: keyId, value: createEnvelope('key.used', payload, { source: 'verify' }) });
    }
    try {
      await options.publisher.publish(options.topic, messages, { timeoutMs: 5000 });
    } catch (err) {
      options.logger.warn({ err, keys: batch.size }, 'usage report not taken by Kafka; sent with the next one');
      mergeBack(batch);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = flush().finally(schedule);
    }, intervalMs);
    timer.unref();
  }
  schedule();

  return {
    /** One valid verification of `keyId` at `now` (epoch ms). */
    record(keyId: string, teamId: string, now: number): void {
      const u = pending.get(keyId);
      if (u) {
        u.count += 1;
        u.last = now;
      } else pending.set(keyId, { teamId, count: 1, first: now, last: now });
    },
    /** Sends what is pending and stops reporting. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      await flush();
    },
  };
}

export type UsageReporter = ReturnType<typeof createUsageReporter>;
