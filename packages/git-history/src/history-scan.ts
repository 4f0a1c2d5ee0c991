import type { Finding, Scanner } from '@keyguard/detectors';
import type { GitRunOptions } from './git.js';
import { listCommits, type LogSelection, type LogSlice, streamLog } from './git-log.js';
import { type CommitInfo, createPatchParser } from './patch-parser.js';

/** A secret found in a line some commit added. */
export interface GitFinding extends Omit<Finding, 'path'> {
  /** Full SHA of the commit that added the line. */
  commit: string;
  author: string;
  email: string;
  /** Author date (ISO 8601). */
  date: string;
  /** Path of the file in that commit. */
  file: string;
}

export interface HistoryStats {
  /** Commits read (every commit of the walk, with or without a diff). */
  commits: number;
  /** Bytes of `git log -p` output read. */
  bytes: number;
  /** File changes scanned, and the bytes of added lines in them. */
  files: number;
  scannedBytes: number;
  /** File changes skipped: binary, added text over the size limit, excluded by path. */
  binary: number;
  tooLarge: number;
  excluded: number;
  /** Candidates rejected by checksum, entropy or placeholder checks. */
  rejected: number;
}

export interface HistoryScanOptions {
  /** A work tree or a bare repository. */
  repo: string;
  scanner: Scanner;
  selection?: LogSelection;
  /** A file change whose added text is larger than this is skipped (default 10 MiB). */
  maxFileBytes?: number;
  /** False for paths to leave out (e.g. a config's exclude globs). */
  includePath?: (path: string) => boolean;
  signal?: AbortSignal;
  env?: GitRunOptions['env'];
  /** git processes diffing at once (default 1); see scanHistory. */
  jobs?: number;
  /** Fewer commits than this are read by one git process whatever `jobs` says (default 400). */
  parallelFrom?: number;
  /** Called for each finding as soon as its file change is scanned. */
  onFinding(finding: GitFinding): void;
  /**
   * Called when a commit is complete: every finding in it was delivered. `stats.commits`
   * counts it, so it is the cursor to resume after (`selection.skip`).
   */
  onCommitDone?(commit: CommitInfo, stats: Readonly<HistoryStats>): void;
}

/** Below this many commits a parallel scan is not worth a second git process. */
const PARALLEL_MIN_COMMITS = 400;
/**
 * Slices per git process. One contiguous slice each: measured on a 10,000-commit history, more,
 * smaller slices cost ~30 % more git CPU (each process starts with a cold delta-base cache),
 * which outweighs the better balance.
 */
const SLICES_PER_JOB = 1;

const emptyStats = (): HistoryStats => ({ commits: 0, bytes: 0, files: 0, scannedBytes: 0, binary: 0, tooLarge: 0, excluded: 0, rejected: 0 });

/**
 * Scans the lines every commit added, streaming `git log -p` through the byte parser into the
 * detectors one file change at a time. Memory stays flat: one reusable buffer for the current
 * file change, nothing kept per commit. Findings carry the commit, its author and date, the
 * path and the line number in that commit's version of the file.
 *
 * With `jobs` > 1 the commits are listed first (`git rev-list`, same walk) and cut into
 * slices that up to `jobs` git processes diff at once (`--no-walk=unsorted`): git's diffing is
 * what bounds a history scan, and it runs on one core per process. Findings still arrive in
 * walk order; `onCommitDone` then reports progress only (slices finish out of order, so its
 * count is not a cursor: resumable scans use one job).
 */
export async function scanHistory(options: HistoryScanOptions): Promise<HistoryStats> {
  const stats = emptyStats();
  const selection = options.selection ?? {};
  const jobs = options.jobs ?? 1;
  if (jobs <= 1) {
    await scanTarget(options, selection, stats, options.onFinding);
    return stats;
  }
  const commits = await listCommits(options.repo, selection, { signal: options.signal, env: options.env });
  if (commits.length < (options.parallelFrom ?? PARALLEL_MIN_COMMITS)) {
    if (commits.length > 0) await scanTarget(options, { commits, excludePaths: selection.excludePaths }, stats, options.onFinding);
    return stats;
  }
  const size = Math.ceil(commits.length / (jobs * SLICES_PER_JOB));
  const slices: string[][] = [];
  for (let i = 0; i < commits.length; i += size) slices.push(commits.slice(i, i + size));
  const pending: (GitFinding[] | undefined)[] = slices.map(() => []);
  const finished = slices.map(() => false);
  let flushed = 0;
  let next = 0;
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  async function worker(): Promise<void> {
    while (next < slices.length && !signal.aborted) {
      const index = next++;
      // the slice being delivered in order streams its findings; later ones wait in memory
      await scanTarget({ ...options, signal }, { commits: slices[index]!, excludePaths: selection.excludePaths }, stats, (f) => {
        if (index === flushed) options.onFinding(f);
        else pending[index]!.push(f);
      });
      finished[index] = true;
      while (flushed < slices.length && finished[flushed]) {
        flushed++;
        const waiting = pending[flushed];
        pending[flushed] = undefined;
        if (flushed < slices.length) for (const f of waiting ?? []) options.onFinding(f);
      }
    }
  }
  const stopOthers = (error: unknown) => {
    failed.abort();
    throw error;
  };
  await Promise.all(Array.from({ length: Math.min(jobs, slices.length) }, () => worker().catch(stopOthers)));
  return stats;
}

/** One `git log -p` process: its output through a parser into the scanner. */
async function scanTarget(
  options: HistoryScanOptions,
  target: LogSelection | LogSlice,
  stats: HistoryStats,
  emit: (finding: GitFinding) => void,
): Promise<void> {
  let current: CommitInfo | undefined;
  const done = () => {
    if (current === undefined) return;
    stats.commits++;
    options.onCommitDone?.(current, stats);
  };
  const parser = createPatchParser(
    {
      commit(info) {
        done();
        current = info;
      },
      file({ commit, path, added, lines }) {
        if (options.includePath && !options.includePath(path)) {
          stats.excluded++;
          return;
        }
        const result = options.scanner.scan(added, { path });
        stats.files++;
        stats.scannedBytes += added.length;
        stats.rejected += result.stats.rejected;
        for (const f of result.findings) {
          const { path: _path, line, endLine, ...rest } = f;
          emit({
            ...rest,
            line: lines[line - 1] ?? line,
            endLine: lines[endLine - 1] ?? endLine,
            commit: commit.sha,
            author: commit.author,
            email: commit.email,
            date: commit.date,
            file: path,
          });
        }
      },
      skipped(reason) {
        if (reason === 'binary') stats.binary++;
        else stats.tooLarge++;
      },
    },
    { maxFileBytes: options.maxFileBytes },
  );
  await streamLog(
    options.repo,
    target,
    (chunk) => {
      stats.bytes += chunk.length;
      parser.push(chunk);
    },
    { signal: options.signal, env: options.env },
  );
  parser.end();
  done();
}
