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

/** Exactly these commits, in this order: one slice of a parallel scan. */
export interface LogSlice {
  commits: readonly string[];
  excludePaths?: readonly string[];
}

/**
 * `git log -p` as gitleaks runs it (`-U0 --diff-filter=tuxdb`: added, copied, modified and
 * renamed files, no context lines, merges without a diff) with the output pinned down whatever
 * the user's config says: our header format, `a/` `b/` prefixes, raw UTF-8 paths, no colour,
 * no external diff or textconv.
 */
const PATCH_ARGS = [
  '-c',
  'core.quotePath=false',
  'log',
  '-p',
  '-U0',
  '--diff-filter=tuxdb',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  `--format=${LOG_FORMAT}`,
];

const pathspecLines = (excludePaths: readonly string[] | undefined): string[] =>
  excludePaths && excludePaths.length > 0 ? ['--', ...excludePaths.map((p) => `:(exclude,literal)${p}`)] : [];

const stdin = (lines: string[]): string => (lines.length > 0 ? `${lines.join('\n')}\n` : '');

/** The revision walk `git log` and `git rev-list` share (`--full-history`, as gitleaks walks). */
function walk(selection: LogSelection): { args: string[]; input: string } {
  const args = ['--full-history'];
  if (selection.since !== undefined) args.push(`--since=${selection.since}`);
  if (selection.maxCommits !== undefined) args.push(`--max-count=${selection.maxCommits}`);
  if (selection.skip !== undefined && selection.skip > 0) args.push(`--skip=${selection.skip}`);
  if (selection.revisions === undefined) args.push('--all');
  args.push('--stdin');
  return { args, input: stdin([...(selection.revisions ?? []), ...pathspecLines(selection.excludePaths)]) };
}

/** git arguments and stdin for the patches of a selection, or of a slice (`--no-walk=unsorted`). */
export function logArguments(target: LogSelection | LogSlice = {}): { args: string[]; input: string } {
  if ('commits' in target) {
    return { args: [...PATCH_ARGS, '--no-walk=unsorted', '--stdin'], input: stdin([...target.commits, ...pathspecLines(target.excludePaths)]) };
  }
  const w = walk(target);
  return { args: [...PATCH_ARGS, ...w.args], input: w.input };
}

/** The commits a selection walks, in `git log` order. */
export async function listCommits(repo: string, selection: LogSelection, options: Pick<GitRunOptions, 'signal' | 'env'> = {}): Promise<string[]> {
  const w = walk(selection);
  const out = await runGit(['rev-list', ...w.args], { ...options, cwd: repo, input: w.input });
  return out.toString('latin1').split('\n').filter(Boolean);
}

/** Streams `git log -p` of the repository at `repo` (a work tree or a bare repository) to `onChunk`. */
export async function streamLog(
  repo: string,
  target: LogSelection | LogSlice,
  onChunk: (chunk: Buffer) => void,
  options: Pick<GitRunOptions, 'signal' | 'env'> = {},
): Promise<void> {
  const { args, input } = logArguments(target);
  await runGit(args, { ...options, cwd: repo, input, onStdout: onChunk });
}
