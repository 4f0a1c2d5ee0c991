/**
 * How the policy schedules its writes, chosen by the store's `concurrentWriters` capability.
 *
 * - One writer (FerretDB on SQLite): a single lock serialises every write anyway, and
 *   partitions fighting for it back off far longer than they would wait in line. So one piece
 *   of work runs at a time, and exposure batches go ahead of revocation finishing: a refusal
 *   never queues behind audit entries and emails.
 * - Concurrent writers (MongoDB, FerretDB on PostgreSQL): batches of different partitions run
 *   side by side; finishing runs beside them, at most `finishConcurrency` at once.
 */
export type Lane = 'batch' | 'finish';

export interface WriteLanes {
  run<T>(lane: Lane, work: () => Promise<T>): Promise<T>;
  /** Whether writes inside one piece of work may be issued in parallel. */
  readonly parallel: boolean;
}

export function createWriteLanes({ concurrentWriters, finishConcurrency = 16 }: { concurrentWriters: boolean; finishConcurrency?: number }): WriteLanes {
  return concurrentWriters ? concurrentLanes(finishConcurrency) : singleWriterLanes();
}

function singleWriterLanes(): WriteLanes {
  const queues: Record<Lane, (() => void)[]> = { batch: [], finish: [] };
  let busy = false;
  const next = () => {
    const start = queues.batch.shift() ?? queues.finish.shift();
    busy = start !== undefined;
    start?.();
  };
  return {
    parallel: false,
    run: <T>(lane: Lane, work: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        queues[lane].push(() => {
          work().then(resolve, reject).finally(next);
        });
        if (!busy) next();
      }),
  };
}

function concurrentLanes(finishConcurrency: number): WriteLanes {
  const waiting: (() => void)[] = [];
  let finishing = 0;
  const release = () => {
    finishing -= 1;
    const start = waiting.shift();
    if (start) {
      finishing += 1;
      start();
    }
  };
  return {
    parallel: true,
    run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
      if (lane === 'batch') return work();
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          work().then(resolve, reject).finally(release);
        };
        if (finishing < finishConcurrency) {
          finishing += 1;
          start();
        } else waiting.push(start);
      });
    },
  };
}
