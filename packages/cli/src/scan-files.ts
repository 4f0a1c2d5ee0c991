import { Worker } from 'node:worker_threads';
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
  /** Threads scanning at once, this one included (1: scan here only). */
  threads: number;
  maxFileSize: number;
  /** The --config file the worker threads load to build the same scanner. */
  config: string | undefined;
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
 * Scans the files on `threads` threads: this one and `threads - 1` workers, each with its own
 * scanner built from the same config, all taking files from one shared counter. This thread
 * starts at once while the workers load (a worker's start-up costs ~50 ms of CPU), so a second
 * thread only ever adds to the speed. Findings come back in file order.
 */
export async function scanFiles(
  scanner: Scanner,
  files: readonly FileEntry[],
  options: ScanFilesOptions,
): Promise<{ findings: FileFinding[]; totals: ScanTotals }> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const claim = (): number => Atomics.add(counter, 0, 1);
  const workers = Math.max(0, Math.min(options.threads, files.length) - 1);
  const pending = Array.from(
    { length: workers },
    () =>
      new Promise<ThreadResult>((resolve, reject) => {
        const worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
          workerData: { files, counter: counter.buffer, config: options.config, maxFileSize: options.maxFileSize },
        });
        worker.once('message', (result: ThreadResult) => {
          resolve(result);
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
  );
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
