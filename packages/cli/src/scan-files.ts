import { readFile } from 'node:fs/promises';
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
 * Reads and scans files with `concurrency` reads in flight: reads overlap each other and the
 * (synchronous, single-pass) scan of whatever has arrived.
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
    while (next < files.length) {
      const index = next++;
      const entry = files[index]!;
      let buf: Buffer;
      try {
        buf = await readFile(entry.absolute);
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
