import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** pino writes a label (our logger's formatter) or a number. */
const levelValues = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
const levelOf = (entry) => (typeof entry?.level === 'number' ? entry.level : (levelValues[entry?.level] ?? 0));
const levelNames = { 40: 'warn', 50: 'error', 60: 'fatal' };
const repeatWindowMs = 30_000;

/**
 * One line for the terminal from a service's pino JSON line: level, message and the error's
 * message — never a stack (the full line, stack included, is in the service's log file).
 */
export function summarize(entry) {
  const error = entry.err?.message ?? entry.error;
  const detail = typeof error === 'string' ? ` (${error.split('\n')[0].slice(0, 200)})` : '';
  return `${levelNames[Math.floor(levelOf(entry) / 10) * 10] ?? 'info'}: ${entry.msg ?? ''}${detail}`;
}

/**
 * Sends a service's stdout and stderr to `file` as they are, and to the terminal as short
 * lines: warnings and errors while `echo()` says the stack is running (startup and shutdown
 * noise — a broker still electing its group coordinator — stays in the file), anything that
 * is not a log line at any time (a bad setting, an uncaught exception). The same message is
 * repeated at most once per 30 s.
 */
export function pipeServiceOutput(name, child, { file, echo }) {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file, { flags: 'a' });
  const lastShown = new Map();
  const show = (text) => console.log(`  ${name.padEnd(15)} ${text}`);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      out.write(`${line}\n`);
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        if (line.trim()) show(line);
        return;
      }
      if (levelOf(entry) < 40 || !echo()) return;
      const text = summarize(entry);
      const now = Date.now();
      const seen = lastShown.get(entry.msg);
      if (seen && now - seen.at < repeatWindowMs) {
        seen.suppressed += 1;
        return;
      }
      lastShown.set(entry.msg, { at: now, suppressed: 0 });
      show(seen?.suppressed ? `${text} (and ${seen.suppressed} more like it)` : text);
    });
  }
  child.once('exit', () => setTimeout(() => out.end(), 100));
}
