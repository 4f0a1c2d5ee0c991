import type { Finding, Scanner } from '@keyguard/detectors';
import { type ReadPool, readInto, TOO_LARGE } from './read-file.js';
import type { FileEntry } from './walk.js';

export interface FileFinding extends Finding {
  file: string;
}

export interface ScanTotals {
  files: number;
  bytes: number;
  rejected: number;
  binary: number;
  tooLarge: number;
  errors: Array<{ file: string; reason: string }>;
}

/** What one thread found: findings by index into the file list, and its totals. */
export interface ThreadResult {
  found: Array<[number, FileFinding[]]>;
  totals: ScanTotals;
}

export interface ScanFilesOptions {
  maxFileSize: number;
  /** Worker threads started with startWorkers, already loading while the files were walked. */
  workers?: readonly ScanWorker[];
}

/** A `--threads` worker: loads its engine at once, scans when given the files. */
export interface ScanWorker {
  scan(job: { files: readonly FileEntry[]; counter: SharedArrayBuffer; maxFileSize: number }): Promise<ThreadResult>;
  /** Stops the worker (when the scan ends early, or after it answered). */
  close(): void;
}

/**
 * Starts `count` worker threads, each building its own scanner from the same config file. Call
 * it before walking the tree: a worker's start-up then overlaps the walk and this thread's own
 * start instead of the scan. node:worker_threads is loaded only when a worker is asked for.
 */
export async function startWorkers(count: number, config: string | undefined): Promise<ScanWorker[]> {
  if (count <= 0) return [];
  const { Worker } = await import('node:worker_threads');
  return Array.from({ length: count }, () => {
    const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: { config } });
    // an idle worker must not keep the process alive
    worker.unref();
    const failed = new Promise<never>((_, reject) => worker.once('error', reject));
    failed.catch(() => {});
    return {
      scan(job) {
        const done = new Promise<ThreadResult>((resolve) => worker.once('message', resolve));
        worker.postMessage(job);
        return Promise.race([done, failed]);
      },
      close: () => void worker.terminate(),
    };
  });
}

/** A NUL byte in the first 8 KB marks a binary file, as git and ripgrep decide. */
const looksBinary = (buf: Buffer): boolean => buf.subarray(0, 8192).includes(0);

export const emptyTotals = (): ScanTotals => ({ files: 0, bytes: 0, rejected: 0, binary: 0, tooLarge: 0, errors: [] });

/**
 * Scans files on this thread, taking the next unclaimed index from `claim` until none is
 * left: with a shared counter, every thread keeps busy until the list is done, whatever the
 * sizes. One read buffer is reused for every file.
 */
export function scanClaimed(scanner: Scanner, files: readonly FileEntry[], claim: () => number, maxFileSize: number): ThreadResult {
  const totals = emptyTotals();
  const found: Array<[number, FileFinding[]]> = [];
  const pool: ReadPool = { buf: Buffer.allocUnsafe(1 << 20) };
  for (let index = claim(); index < files.length; index = claim()) {
    const entry = files[index]!;
    let buf: Buffer | typeof TOO_LARGE;
    try {
      buf = readInto(entry.absolute, pool, maxFileSize);
    } catch (error) {
      totals.errors.push({ file: entry.file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      continue;
    }
    if (buf === TOO_LARGE) {
      totals.tooLarge++;
      continue;
    }
    if (looksBinary(buf)) {
      totals.binary++;
      continue;
    }
    const { findings, stats } = scanner.scan(buf, { path: entry.file });
    totals.files++;
    totals.bytes += stats.bytes;
    totals.rejected += stats.rejected;
    if (findings.length > 0) found.push([index, findings.map((f) => ({ ...f, file: entry.file }))]);
  }
  return { found, totals };
}

/**
 * Scans the files on this thread and the given workers, all taking files from one shared
 * counter: this thread starts at once, a worker joins as soon as it has loaded, and nobody
 * idles while files are left. Findings come back in file order.
 */
export async function scanFiles(
  scanner: Scanner,
  files: readonly FileEntry[],
  options: ScanFilesOptions,
): Promise<{ findings: FileFinding[]; totals: ScanTotals }> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const claim = (): number => Atomics.add(counter, 0, 1);
  const pending = (options.workers ?? []).map((w) => w.scan({ files, counter: counter.buffer, maxFileSize: options.maxFileSize }));
  const results = [scanClaimed(scanner, files, claim, options.maxFileSize), ...(await Promise.all(pending))];
  const byIndex = results.flatMap((r) => r.found).sort((a, b) => a[0] - b[0]);
  const totals = emptyTotals();
  for (const { totals: t } of results) {
    totals.files += t.files;
    totals.bytes += t.bytes;
    totals.rejected += t.rejected;
    totals.binary += t.binary;
    totals.tooLarge += t.tooLarge;
    totals.errors.push(...t.errors);
  }
  return { findings: byIndex.flatMap(([, findings]) => findings), totals };
}
