import type { Finding, Scanner } from '@keyguard/detectors';
import type { GitRunOptions } from './git.js';
import { type LogSelection, streamLog } from './git-log.js';
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
  /** Called for each finding as soon as its file change is scanned. */
  onFinding(finding: GitFinding): void;
  /**
   * Called when a commit is complete: every finding in it was delivered. `stats.commits`
   * counts it, so it is the cursor to resume after (`selection.skip`).
   */
  onCommitDone?(commit: CommitInfo, stats: Readonly<HistoryStats>): void;
}

/**
 * Scans the lines every commit added, streaming `git log -p` through the byte parser into the
 * detectors one file change at a time. Memory stays flat: one reusable buffer for the current
 * file change, nothing kept per commit. Findings carry the commit, its author and date, the
 * path and the line number in that commit's version of the file.
 */
export async function scanHistory(options: HistoryScanOptions): Promise<HistoryStats> {
  const stats: HistoryStats = { commits: 0, bytes: 0, files: 0, scannedBytes: 0, binary: 0, tooLarge: 0, excluded: 0, rejected: 0 };
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
          options.onFinding({
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
    options.selection ?? {},
    (chunk) => {
      stats.bytes += chunk.length;
      parser.push(chunk);
    },
    { signal: options.signal, env: options.env },
  );
  parser.end();
  done();
  return stats;
}
