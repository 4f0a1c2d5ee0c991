import { isStoreBusy } from '@keyguard/store';
import pRetry from 'p-retry';

/** `now`: what a webhook waits for (deliveries queued, claimed, recorded); `later`: digest work. */
export type WritePriority = 'now' | 'later';

export interface WriteQueue {
  run<T>(priority: WritePriority, write: () => Promise<T>): Promise<T>;
}

/** FerretDB refuses a write that meets another writer's lock (SQLITE_BUSY): wait and write again. */
const retryingBusy = <T>(write: () => Promise<T>) =>
  pRetry(write, { retries: 8, minTimeout: 50, maxTimeout: 2000, shouldRetry: ({ error }) => isStoreBusy(error) });

/**
 * How the notifier issues its writes, chosen by the store's `concurrentWriters` capability.
 * With one writer (FerretDB on SQLite) the consumer, the delivery worker and the digest flusher
 * would only fight for its one lock and back off for up to seconds each: so they queue here,
 * one write at a time, and a webhook's writes go ahead of digest work (an email waits for its
 * window anyway). With concurrent writers (MongoDB, FerretDB on PostgreSQL) writes run as
 * they come. Either way a busy store is waited out in milliseconds.
 */
export function createWriteQueue({ concurrentWriters }: { concurrentWriters: boolean }): WriteQueue {
  if (concurrentWriters) return { run: (_priority, write) => retryingBusy(write) };
  const queues: Record<WritePriority, (() => void)[]> = { now: [], later: [] };
  let busy = false;
  const next = () => {
    const start = queues.now.shift() ?? queues.later.shift();
    busy = start !== undefined;
    start?.();
  };
  return {
    run: <T>(priority: WritePriority, write: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        queues[priority].push(() => {
          retryingBusy(write).then(resolve, reject).finally(next);
        });
        if (!busy) next();
      }),
  };
}
