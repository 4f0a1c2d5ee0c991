import { closeSync, openSync, readSync } from 'node:fs';

/** A reusable read buffer: one per thread, grown when a file does not fit. */
export interface ReadPool {
  buf: Buffer;
}

export const TOO_LARGE = Symbol('too large');

/**
 * Reads a whole file into `pool`, synchronously: open, read until a read comes back short, close. The scan that
 * follows is synchronous anyway, and for thousands of small files three plain system calls
 * cost a fraction of the CPU that thread-pool round trips and promises do. There is no fstat:
 * Node builds a Stats object with four Dates for each (~5 us of JavaScript and garbage per
 * file); instead at most `maxFileSize + 1` bytes are read, and a file that fills them is too
 * large (like gitleaks' --max-target-megabytes).
 */
export function readInto(absolute: string, pool: ReadPool, maxFileSize: number): Buffer | typeof TOO_LARGE {
  const fd = openSync(absolute, 'r');
  try {
    let filled = 0;
    for (;;) {
      if (filled === pool.buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(pool.buf.length * 2, maxFileSize + 1));
        pool.buf.copy(bigger, 0, 0, filled);
        pool.buf = bigger;
      }
      const wanted = Math.min(pool.buf.length, maxFileSize + 1) - filled;
      const bytesRead = readSync(fd, pool.buf, filled, wanted, null);
      filled += bytesRead;
      if (filled > maxFileSize) return TOO_LARGE;
      // a regular file reads short only at its end: no second read to see 0 bytes
      if (bytesRead < wanted) break;
    }
    return pool.buf.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
