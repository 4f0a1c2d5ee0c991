import { type GitRunOptions, runGit } from './git.js';
import { LOG_FORMAT } from './patch-parser.js';

/** Which commits a history scan reads. */
export interface LogSelection {
  /**
   * Revisions to walk (SHAs, branch or tag names); every ref (`--all`) when absent. They are
   * handed to git on stdin (`--stdin`), so a name can never be read as an option.
   */
  revisions?: readonly string[];
  /** Only commits more recent than this (anything `git log --since` takes). */
  since?: string;
  maxCommits?: number;
  /** Leave out the first N commits of the walk (a resumed scan's cursor). */
  skip?: number;
  /** Paths whose changes are left out (literal pathspec excludes, e.g. blobs a partial clone lacks). */
  excludePaths?: readonly string[];
}

/**
 * `git log -p` as gitleaks runs it (`-U0 --full-history --diff-filter=tuxdb`: added, copied,
 * modified and renamed files, no context lines, merges without a diff) with the output pinned
 * down whatever the user's config says: our header format, `a/` `b/` prefixes, raw UTF-8 paths,
 * no colour, no external diff or textconv.
 */
export function logArguments(selection: LogSelection = {}): { args: string[]; input: string } {
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '-p',
    '-U0',
    '--full-history',
    '--diff-filter=tuxdb',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    `--format=${LOG_FORMAT}`,
  ];
  if (selection.since !== undefined) args.push(`--since=${selection.since}`);
  if (selection.maxCommits !== undefined) args.push(`--max-count=${selection.maxCommits}`);
  if (selection.skip !== undefined && selection.skip > 0) args.push(`--skip=${selection.skip}`);
  if (selection.revisions === undefined) args.push('--all');
  args.push('--stdin');
  const lines = [...(selection.revisions ?? [])];
  if (selection.excludePaths && selection.excludePaths.length > 0) {
    lines.push('--', ...selection.excludePaths.map((p) => `:(exclude,literal)${p}`));
  }
  return { args, input: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
}

/** Streams `git log -p` of the repository at `repo` (a work tree or a bare repository) to `onChunk`. */
export async function streamLog(
  repo: string,
  selection: LogSelection,
  onChunk: (chunk: Buffer) => void,
  options: Pick<GitRunOptions, 'signal' | 'env'> = {},
): Promise<void> {
  const { args, input } = logArguments(selection);
  await runGit(args, { ...options, cwd: repo, input, onStdout: onChunk });
}
