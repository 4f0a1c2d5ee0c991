import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A reusable read buffer: one per thread, grown when a file does not fit. */
export interface ReadPool {
  buf: Buffer;
}

export const TOO_LARGE = Symbol('too large');

/**
 * Reads a whole file into `pool`, synchronously: open, fstat, read to EOF, close. The scan that
 * follows is synchronous anyway, and for thousands of small files four plain system calls
 * cost a fraction of the CPU that four thread-pool round trips and promises do. The size is
 * checked against `maxFileSize` before reading (like gitleaks' --max-target-megabytes).
 */
export function readInto(absolute: string, pool: ReadPool, maxFileSize: number): Buffer | typeof TOO_LARGE {
  const fd = openSync(absolute, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > maxFileSize) return TOO_LARGE;
    if (pool.buf.length < size + 1) pool.buf = Buffer.allocUnsafe(Math.max(size + 1, pool.buf.length * 2));
    let filled = 0;
    // read until EOF: the size may change under us, and +1 spare byte detects growth
    for (;;) {
      const bytesRead = readSync(fd, pool.buf, filled, pool.buf.length - filled, null);
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
    closeSync(fd);
  }
}
