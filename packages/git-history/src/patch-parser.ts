import { unquoteCPath } from './c-quote.js';

/** Who made a commit and when, from the header line `LOG_FORMAT` makes git print. */
export interface CommitInfo {
  /** Full 40 (or 64) hex SHA. */
  sha: string;
  author: string;
  email: string;
  /** Author date, strict ISO 8601 (`%aI`). */
  date: string;
}

/** One file's added lines in one commit. */
export interface FilePatch {
  commit: CommitInfo;
  /** POSIX path in the commit's tree. */
  path: string;
  /** The added lines without their `+`, each followed by `\n`. A view: valid until the handler returns. */
  added: Buffer;
  /** New-file line number of each added line, in order (a view, like `added`). */
  lines: Int32Array;
}

export type SkipReason = 'binary' | 'too_large';

export interface PatchHandlers {
  /** A commit's header was read (the previous commit, if any, is complete). */
  commit(info: CommitInfo): void;
  file(patch: FilePatch): void;
  skipped?(reason: SkipReason): void;
}

/**
 * The `--format` the parser expects: one header line per commit, starting with the ASCII
 * record separator (a diff line always starts with ` `, `+`, `-`, `@`, `\` or a header word,
 * never with 0x1e), fields separated by the unit separator.
 */
export const LOG_FORMAT = '%x1e%H%x1f%an%x1f%ae%x1f%aI';

const NL = 10;
const RS = 0x1e;
const US = 0x1f;
const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const AT = 0x40;
const BACKSLASH = 0x5c;
const TAB = 9;
const DIFF_GIT = Buffer.from('diff --git ');
const PLUS_HEADER = Buffer.from('+++ ');
const BINARY = Buffer.from('Binary files ');
const DEV_NULL = Buffer.from('/dev/null');

const startsWith = (buf: Buffer, s: number, e: number, prefix: Buffer): boolean =>
  e - s >= prefix.length && buf.compare(prefix, 0, prefix.length, s, s + prefix.length) === 0;

export interface PatchParser {
  /** Feeds the next bytes of `git log -p` output; handlers run synchronously. */
  push(chunk: Buffer): void;
  /** Flushes the last file and commit. */
  end(): void;
}

/**
 * A streaming parser of `git log -p --format=LOG_FORMAT --src-prefix=a/ --dst-prefix=b/` output
 * that works on bytes: lines are found with `indexOf(10)` and only added lines are copied, into
 * one reusable buffer per file, so memory stays flat however long the history is. A hunk's
 * `@@ -a,b +c,d @@` counts say where it ends, so an added line that itself starts with `++ ` or
 * `diff --git` is never mistaken for a header. Files whose added text exceeds `maxFileBytes`
 * are skipped (and reported as `too_large`).
 */
export function createPatchParser(handlers: PatchHandlers, { maxFileBytes = 10 * 1024 * 1024 } = {}): PatchParser {
  let commit: CommitInfo | undefined;
  // the current file
  let inFile = false;
  let path: string | undefined;
  let binary = false;
  let tooLarge = false;
  let acc = Buffer.allocUnsafe(64 * 1024);
  let accLen = 0;
  let lines = new Int32Array(4096);
  let lineCount = 0;
  // the current hunk
  let oldLeft = 0;
  let newLeft = 0;
  let nextLine = 0;
  // a line split across chunks
  let carry = Buffer.allocUnsafe(4096);
  let carryLen = 0;

  function flushFile(): void {
    if (!inFile) return;
    if (binary) handlers.skipped?.('binary');
    else if (tooLarge) handlers.skipped?.('too_large');
    else if (lineCount > 0 && path !== undefined && commit !== undefined) {
      handlers.file({ commit, path, added: acc.subarray(0, accLen), lines: lines.subarray(0, lineCount) });
    }
    inFile = false;
    path = undefined;
    binary = false;
    tooLarge = false;
    accLen = 0;
    lineCount = 0;
    oldLeft = 0;
    newLeft = 0;
  }

  function addLine(buf: Buffer, s: number, e: number): void {
    const lineNumber = nextLine++;
    if (tooLarge) return;
    const need = accLen + (e - s) + 1;
    if (need > maxFileBytes) {
      tooLarge = true;
      return;
    }
    if (need > acc.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, acc.length * 2));
      acc.copy(bigger, 0, 0, accLen);
      acc = bigger;
    }
    accLen += buf.copy(acc, accLen, s, e);
    acc[accLen++] = NL;
    if (lineCount === lines.length) {
      const bigger = new Int32Array(lines.length * 2);
      bigger.set(lines);
      lines = bigger;
    }
    lines[lineCount++] = lineNumber;
  }

  /** `@@ -a[,b] +c[,d] @@ ...`: old count, new start, new count (a missing count is 1). */
  function hunkHeader(buf: Buffer, s: number, e: number): void {
    let i = s + 2;
    const number = (): number => {
      let n = 0;
      while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) n = n * 10 + (buf[i++]! - 0x30);
      return n;
    };
    while (i < e && buf[i] !== MINUS) i++;
    i++;
    number();
    let oldCount = 1;
    if (buf[i] === 0x2c) {
      i++;
      oldCount = number();
    }
    while (i < e && buf[i] !== PLUS) i++;
    i++;
    const newStart = number();
    let newCount = 1;
    if (buf[i] === 0x2c) {
      i++;
      newCount = number();
    }
    oldLeft = oldCount;
    newLeft = newCount;
    nextLine = newStart;
  }

  function commitHeader(buf: Buffer, s: number, e: number): void {
    const fields: string[] = [];
    let from = s + 1;
    for (let i = from; i <= e; i++) {
      if (i === e || buf[i] === US) {
        fields.push(buf.toString('utf8', from, i));
        from = i + 1;
      }
    }
    commit = { sha: fields[0] ?? '', author: fields[1] ?? '', email: fields[2] ?? '', date: fields[3] ?? '' };
    handlers.commit(commit);
  }

  function filePath(buf: Buffer, s: number, e: number): string | undefined {
    // git appends a TAB to a name containing a space (for patch(1)); a real TAB is quoted
    while (e > s && buf[e - 1] === TAB) e--;
    if (e - s === DEV_NULL.length && startsWith(buf, s, e, DEV_NULL)) return undefined;
    const raw = buf[s] === 0x22 ? unquoteCPath(buf.subarray(s, e)) : buf.toString('utf8', s, e);
    return raw.startsWith('b/') ? raw.slice(2) : raw;
  }

  function line(buf: Buffer, s: number, e: number): void {
    const c = buf[s];
    if (oldLeft > 0 || newLeft > 0) {
      if (c === PLUS) {
        addLine(buf, s + 1, e);
        newLeft--;
        return;
      }
      if (c === MINUS) {
        oldLeft--;
        return;
      }
      if (c === SPACE) {
        nextLine++;
        oldLeft--;
        newLeft--;
        return;
      }
      if (c === BACKSLASH) return; // "\ No newline at end of file"
      oldLeft = 0; // not a hunk line after all: the counts were wrong; read it as a header
      newLeft = 0;
    }
    if (e === s) return;
    if (c === RS) {
      flushFile();
      commitHeader(buf, s, e);
    } else if (c === AT && buf[s + 1] === AT) {
      if (inFile) hunkHeader(buf, s, e);
    } else if (c === 0x64 && startsWith(buf, s, e, DIFF_GIT)) {
      flushFile();
      inFile = true;
    } else if (inFile) {
      if (c === PLUS && startsWith(buf, s, e, PLUS_HEADER)) path = filePath(buf, s + PLUS_HEADER.length, e);
      else if (c === 0x42 && startsWith(buf, s, e, BINARY)) binary = true;
    }
  }

  function appendCarry(buf: Buffer, s: number, e: number): void {
    const need = carryLen + (e - s);
    if (need > carry.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, carry.length * 2));
      carry.copy(bigger, 0, 0, carryLen);
      carry = bigger;
    }
    carryLen += buf.copy(carry, carryLen, s, e);
  }

  return {
    push(chunk) {
      let start = 0;
      if (carryLen > 0) {
        const nl = chunk.indexOf(NL);
        if (nl === -1) {
          appendCarry(chunk, 0, chunk.length);
          return;
        }
        appendCarry(chunk, 0, nl);
        const n = carryLen;
        carryLen = 0; // line() copies what it keeps, so the carry can be reused at once
        line(carry, 0, n);
        start = nl + 1;
      }
      for (;;) {
        const nl = chunk.indexOf(NL, start);
        if (nl === -1) break;
        line(chunk, start, nl);
        start = nl + 1;
      }
      if (start < chunk.length) appendCarry(chunk, start, chunk.length);
    },
    end() {
      if (carryLen > 0) {
        const n = carryLen;
        carryLen = 0;
        line(carry, 0, n);
      }
      flushFile();
    },
  };
}
