import { availableParallelism } from 'node:os';
import { globToRegExp, type Scanner } from '@keyguard/detectors';
import { GitError, type GitFinding, gitText, type HistoryStats, scanHistory } from '@keyguard/git-history';
import type { GitSelection } from './args.js';
import { CliError } from './errors.js';

export interface GitScanInput {
  path: string;
  selection: GitSelection;
  scanner: Scanner;
  maxFileSize: number;
  exclude: readonly string[];
  /** Called about four times a second while the scan runs (for the TTY progress line). */
  onProgress?: (stats: Readonly<HistoryStats>, elapsedMs: number) => void;
}

const PROGRESS_EVERY_MS = 250;

/** git's failures as CLI errors (exit 2), with git's own reason. */
function cliError(error: unknown, path: string): never {
  if (error instanceof GitError) {
    if (error.code === 'GIT_NOT_FOUND') throw new CliError('GIT_NOT_FOUND', '--git needs git on PATH');
    throw new CliError('GIT_FAILED', `git failed on ${path}: ${error.message}`);
  }
  throw error;
}

/**
 * `keyguard scan --git PATH`: the lines every commit added on every ref (or on `--branch`),
 * streamed from `git log -p` through the detectors. `--branch` is resolved to a commit first,
 * so a typo is a clear error rather than an empty scan.
 */
export async function scanGit(input: GitScanInput): Promise<{ findings: GitFinding[]; stats: HistoryStats }> {
  const { path, selection } = input;
  try {
    await gitText(['rev-parse', '--git-dir'], { cwd: path });
  } catch (error) {
    if (error instanceof GitError && error.code === 'GIT_FAILED') throw new CliError('NOT_A_REPOSITORY', `${path} is not a git repository (${error.message})`);
    cliError(error, path);
  }
  let revisions: string[] | undefined;
  if (selection.branch !== undefined) {
    try {
      revisions = [await gitText(['rev-parse', '--verify', '--quiet', '--end-of-options', `${selection.branch}^{commit}`], { cwd: path })];
    } catch (error) {
      if (error instanceof GitError && error.code === 'GIT_FAILED')
        throw new CliError('BRANCH_NOT_FOUND', `--branch ${selection.branch}: no such branch, tag or commit in ${path}`);
      cliError(error, path);
    }
  }
  const excludes = input.exclude.map(globToRegExp);
  const findings: GitFinding[] = [];
  const started = performance.now();
  let lastProgress = started;
  try {
    const stats = await scanHistory({
      repo: path,
      scanner: input.scanner,
      selection: {
        ...(revisions ? { revisions } : {}),
        ...(selection.since !== undefined ? { since: selection.since } : {}),
        ...(selection.maxCommits !== undefined ? { maxCommits: selection.maxCommits } : {}),
      },
      maxFileBytes: input.maxFileSize,
      jobs: selection.jobs ?? Math.min(4, availableParallelism()),
      ...(excludes.length > 0 ? { includePath: (p: string) => !excludes.some((re) => re.test(p)) } : {}),
      onFinding: (f) => findings.push(f),
      onCommitDone: (_commit, stats) => {
        if (!input.onProgress) return;
        const now = performance.now();
        if (now - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = now;
        input.onProgress(stats, now - started);
      },
    });
    return { findings, stats };
  } catch (error) {
    cliError(error, path);
  }
}

/** `keyguard: 1,234 commits, 56.7 MB, 45.6 MB/s`, rewritten in place on a TTY. */
export function progressLine(stats: Readonly<HistoryStats>, elapsedMs: number): string {
  const mb = stats.bytes / 1e6;
  const rate = elapsedMs > 0 ? mb / (elapsedMs / 1000) : 0;
  return `\r\x1b[Kkeyguard: ${stats.commits.toLocaleString('en-US')} commits, ${mb.toFixed(1)} MB, ${rate.toFixed(1)} MB/s`;
}
