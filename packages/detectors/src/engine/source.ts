import type { Prefilter } from './prefilter.js';

/** Input abstraction: the engine reads text of either a Buffer (decoded as latin1) or a string. */
export interface Source {
  length: number;
  /** Character code at offset i (a byte for Buffer input). */
  at(i: number): number;
  /**
   * A string holding at least [start, end) and the input offset of its first character. For a
   * string input this is the input itself; a Buffer is decoded in pieces (window + 2 KB) that
   * later hits reuse, so dense hits do not each pay for decoding their own window.
   */
  cover(start: number, end: number): { text: string; offset: number };
  /** [start, end) as a string (latin1 for Buffers). */
  slice(start: number, end: number): string;
  /** Exact secret: re-decodes non-ASCII byte ranges as UTF-8 so hashes match the file's text. */
  secret(start: number, end: number, latin1: string): string;
  /** Offset of the first occurrence of the character code `code` at or after `from`, or -1. */
  indexOf(code: number, from: number): number;
  /** Offset of the first character `code` in [from, to), or -1 (a native search). */
  indexOfIn(code: number, from: number, to: number): number;
  /**
   * The run around `at` of characters whose code has a 1 in `table` (codes above 255 never do):
   * [start, end), at most `left` before `at` (never before `floor`) and `right` after it.
   */
  run(at: number, floor: number, left: number, right: number, table: Uint8Array): { start: number; end: number };
  countNewlines(from: number, to: number): number;
  /** Offset of the last newline before `offset`, or -1. */
  lastNewlineBefore(offset: number): number;
  /** The line containing `offset`, without its newline. */
  lineAt(offset: number): string;
}

/** Extra bytes decoded past a window so that nearby hits reuse the same piece. */
const DECODE_SLACK = 2 * 1024;

const NON_ASCII = /[\u0080-\uffff]/;

export function bufferSource(bytes: Uint8Array, prefilter: Prefilter): Source {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const piece = { text: '', offset: 0 };
  return {
    length: buf.length,
    at: (i) => buf[i]!,
    cover(start, end) {
      if (start < piece.offset || end > piece.offset + piece.text.length) {
        const to = Math.min(buf.length, end + DECODE_SLACK);
        // latin1 keeps V8 strings one-byte and is the cheapest decode (offsets stay byte offsets)
        piece.text = buf.toString('latin1', start, to);
        piece.offset = start;
      }
      return piece;
    },
    slice: (start, end) => buf.toString('latin1', start, end),
    secret: (start, end, latin1) => (NON_ASCII.test(latin1) ? buf.toString('utf8', start, end) : latin1),
    indexOf: (code, from) => buf.indexOf(code, from),
    indexOfIn(code, from, to) {
      const i = buf.subarray(from, to).indexOf(code);
      return i === -1 ? -1 : from + i;
    },
    run(at, floor, left, right, table) {
      let start = at;
      const low = Math.max(floor, at - left);
      while (start > low && table[buf[start - 1]!] === 1) start--;
      let end = at;
      const high = Math.min(buf.length, at + right);
      while (end < high && table[buf[end]!] === 1) end++;
      return { start, end };
    },
    countNewlines: (from, to) => prefilter.countNewlines(buf, from, to),
    lastNewlineBefore: (offset) => (offset > 0 ? buf.lastIndexOf(10, offset - 1) : -1),
    lineAt: (offset) => {
      const end = buf.indexOf(10, offset);
      return buf.toString('utf8', buf.lastIndexOf(10, offset) + 1, end === -1 ? buf.length : end);
    },
  };
}

/**
 * A string input. `bytes` marks text that holds one byte per character (a decoded base64 or
 * percent-encoded span): its non-ASCII secrets are re-read as UTF-8.
 */
export function stringSource(text: string, prefilter: Prefilter, bytes = false): Source {
  const whole = { text, offset: 0 };
  return {
    length: text.length,
    at: (i) => text.charCodeAt(i),
    cover: () => whole,
    slice: (start, end) => text.slice(start, end),
    secret: (_start, _end, value) => (bytes && NON_ASCII.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value),
    indexOf: (code, from) => text.indexOf(String.fromCharCode(code), from),
    indexOfIn(code, from, to) {
      // a slice of a string is a view in V8, so the search stays within [from, to)
      const i = text.slice(from, to).indexOf(String.fromCharCode(code));
      return i === -1 ? -1 : from + i;
    },
    run(at, floor, left, right, table) {
      let start = at;
      const low = Math.max(floor, at - left);
      for (let c = text.charCodeAt(start - 1); start > low && c < 256 && table[c] === 1; c = text.charCodeAt(start - 1)) start--;
      let end = at;
      const high = Math.min(text.length, at + right);
      for (let c = text.charCodeAt(end); end < high && c < 256 && table[c] === 1; c = text.charCodeAt(end)) end++;
      return { start, end };
    },
    countNewlines: (from, to) => prefilter.countNewlines(text, from, to),
    lastNewlineBefore: (offset) => (offset > 0 ? text.lastIndexOf('\n', offset - 1) : -1),
    lineAt: (offset) => {
      const end = text.indexOf('\n', offset);
      return text.slice(text.lastIndexOf('\n', offset) + 1, end === -1 ? text.length : end);
    },
  };
}
