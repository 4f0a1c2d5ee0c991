import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Finding, Scanner } from '@keyguard/detectors';
import type { FileEntry } from './walk.js';

export interface FileFinding extends Finding {
  file: string;
}

export interface ScanTotals {
  files: number;
  bytes: number;
  rejected: number;
  binary: number;
  errors: Array<{ file: string; reason: string }>;
}

/** A NUL byte in the first 8 KB marks a binary file, as git and ripgrep decide. */
const looksBinary = (buf: Buffer): boolean => buf.subarray(0, 8192).includes(0);

/**
 * Reads a whole file into `pool` (grown when too small) and returns the filled view. Reusing one
 * buffer per worker avoids allocating and first-touching fresh memory for every file, which on
 * this machine class costs as much as scanning it.
 */
async function readInto(absolute: string, pool: { buf: Buffer }): Promise<Buffer> {
  const handle = await open(absolute, 'r');
  try {
    const { size } = await handle.stat();
    if (pool.buf.length < size + 1) pool.buf = Buffer.allocUnsafe(Math.max(size + 1, pool.buf.length * 2));
    let filled = 0;
    // read until EOF: the size may change under us, and +1 spare byte detects growth
    for (;;) {
      const { bytesRead } = await handle.read(pool.buf, filled, pool.buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === pool.buf.length) {
        const bigger = Buffer.allocUnsafe(pool.buf.length * 2);
        pool.buf.copy(bigger, 0, 0, filled);
        pool.buf = bigger;
      }
    }
    return pool.buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * Reads and scans files with `concurrency` reads in flight: reads overlap each other and the
 * (synchronous, single-pass) scan of whatever has arrived. Findings copy what they need, so
 * each worker's read buffer is reused for its next file.
 */
export async function scanFiles(
  scanner: Scanner,
  files: readonly FileEntry[],
  concurrency: number,
): Promise<{ findings: FileFinding[]; totals: ScanTotals }> {
  const totals: ScanTotals = { files: 0, bytes: 0, rejected: 0, binary: 0, errors: [] };
  const perFile: FileFinding[][] = new Array(files.length);
  let next = 0;
  async function worker(): Promise<void> {
    const pool = { buf: Buffer.allocUnsafe(1 << 20) };
    while (next < files.length) {
      const index = next++;
      const entry = files[index]!;
      let buf: Buffer;
      try {
        buf = await readInto(entry.absolute, pool);
      } catch (error) {
        totals.errors.push({ file: entry.file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
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
      perFile[index] = findings.map((f) => ({ ...f, file: entry.file }));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, files.length)) }, worker));
  return { findings: perFile.flatMap((f) => f ?? []), totals };
}

/**
 * Splits the files over `threads` workers (largest first, each to the least-loaded worker),
 * each with its own scanner built from the same config, and merges their results in file order.
 */
export async function scanOnThreads(
  files: readonly FileEntry[],
  threads: number,
  concurrency: number,
  config: string | undefined,
): Promise<{ findings: FileFinding[]; totals: ScanTotals }> {
  const shares: FileEntry[][] = Array.from({ length: Math.min(threads, files.length) }, () => []);
  const load = new Array<number>(shares.length).fill(0);
  for (const f of [...files].sort((a, b) => b.size - a.size)) {
    const k = load.indexOf(Math.min(...load));
    shares[k]!.push(f);
    load[k]! += f.size + 4096;
  }
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<{ findings: FileFinding[]; totals: ScanTotals }>((resolve, reject) => {
          const worker = new Worker(new URL('./scan-worker.js', import.meta.url));
          worker.once('message', (result) => {
            resolve(result);
            void worker.terminate();
          });
          worker.once('error', reject);
          worker.postMessage({ files: share, config, concurrency: Math.max(1, Math.ceil(concurrency / shares.length)) });
        }),
    ),
  );
  const order = new Map(files.map((f, i) => [f.file, i]));
  const findings = results
    .flatMap((r) => r.findings)
    .sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.offset - b.offset);
  const totals: ScanTotals = { files: 0, bytes: 0, rejected: 0, binary: 0, errors: [] };
  for (const r of results) {
    totals.files += r.totals.files;
    totals.bytes += r.totals.bytes;
    totals.rejected += r.totals.rejected;
    totals.binary += r.totals.binary;
    totals.errors.push(...r.totals.errors);
  }
  return { findings, totals };
}
