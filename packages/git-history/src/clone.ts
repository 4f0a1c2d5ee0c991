import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { GitError, gitText, runGit } from './git.js';

export interface CloneOptions {
  /** `https://host/owner/repo.git` (smart or dumb HTTP, file://, ...). */
  url: string;
  /** Where the bare repository goes (must not exist yet). */
  dir: string;
  /**
   * Partial clone: blobs larger than this stay on the server (`--filter=blob:limit`). Servers
   * that do not support filters (dumb HTTP, some smart servers) send everything instead.
   */
  blobLimitBytes?: number;
  /** Stop the clone once the directory is larger than this. */
  maxBytes?: number;
  signal?: AbortSignal;
  /**
   * git config for this clone only (e.g. `http.extraHeader` with an installation token),
   * passed as GIT_CONFIG_* environment variables: never on the command line, never on disk.
   */
  config?: Record<string, string>;
}

export interface ClonedRepository {
  dir: string;
  /** Size on disk after the clone. */
  bytes: number;
  /** The environment every later git command on this clone runs with (same config; no lazy fetches). */
  env: Record<string, string>;
}

const SIZE_POLL_MS = 250;

/** GIT_CONFIG_COUNT / KEY_n / VALUE_n for `config`. */
export function configEnv(config: Record<string, string> = {}): Record<string, string> {
  const entries = Object.entries(config);
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** Bytes under `dir` (a fresh bare clone holds a few files: packs, refs, config). */
export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await directorySize(p);
    else
      total += await stat(p)
        .then((s) => s.size)
        .catch(() => 0);
  }
  return total;
}

/**
 * `git clone --bare` (heads and tags; a partial clone where the server allows), stopped when
 * the directory outgrows `maxBytes` (GitError `TOO_LARGE`) or `signal` aborts. Later commands
 * on the clone must use the returned `env`: it carries the same config and forbids lazy
 * fetches of the blobs a partial clone left out (git 2.44+ honours GIT_NO_LAZY_FETCH; history
 * scans also leave those paths out, see missingBlobPaths).
 */
export async function cloneBare(options: CloneOptions): Promise<ClonedRepository> {
  const env = { ...configEnv(options.config), GIT_NO_LAZY_FETCH: '1' };
  const args = ['clone', '--bare', '--quiet', '--no-progress'];
  if (options.blobLimitBytes !== undefined) args.push(`--filter=blob:limit=${options.blobLimitBytes}`);
  args.push('--', options.url, options.dir);

  const stopped = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopped.signal]) : stopped.signal;
  let tooLarge = false;
  const watch =
    options.maxBytes === undefined
      ? undefined
      : setInterval(() => {
          void directorySize(options.dir).then((bytes) => {
            if (bytes > (options.maxBytes ?? Number.POSITIVE_INFINITY) && !tooLarge) {
              tooLarge = true;
              stopped.abort();
            }
          });
        }, SIZE_POLL_MS);
  try {
    await runGit(args, { signal, env: configEnv(options.config) });
  } catch (error) {
    if (tooLarge) throw new GitError('TOO_LARGE', `the repository is larger than ${options.maxBytes} bytes`);
    throw error;
  } finally {
    if (watch) clearInterval(watch);
  }
  const bytes = await directorySize(options.dir);
  if (options.maxBytes !== undefined && bytes > options.maxBytes) throw new GitError('TOO_LARGE', `the repository is larger than ${options.maxBytes} bytes`);
  return { dir: options.dir, bytes, env };
}

/** The commits the repository's branches and tags point at (annotated tags peeled; tags of trees or blobs left out). */
export async function refTips(dir: string, env?: Record<string, string>): Promise<string[]> {
  const out = await gitText(['for-each-ref', '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname)', 'refs/heads', 'refs/tags'], {
    cwd: dir,
    env,
  });
  const tips = new Set<string>();
  for (const line of out.split('\n')) {
    const [type, sha, peeledType, peeled] = line.split(' ');
    if (type === 'commit' && sha) tips.add(sha);
    else if (type === 'tag' && peeledType === 'commit' && peeled) tips.add(peeled);
  }
  return [...tips].sort();
}

/**
 * Paths whose diff would need a blob a partial clone does not have (either side of a change):
 * a history scan leaves them out instead of fetching them one commit at a time.
 */
export async function missingBlobPaths(dir: string, tips: readonly string[], env?: Record<string, string>): Promise<string[]> {
  if (tips.length === 0) return [];
  const input = `${tips.join('\n')}\n`;
  const objects = await runGit(['rev-list', '--objects', '--missing=print', '--stdin'], { cwd: dir, env, input });
  const missing = new Set<string>();
  for (const line of objects.toString('latin1').split('\n')) if (line.startsWith('?')) missing.add(line.slice(1, 41).trim());
  if (missing.size === 0) return [];
  // `--raw -z`: ":<mode> <mode> <old> <new> <status>\0<path>\0" (two paths for copies and renames)
  const raw = await runGit(['log', '--raw', '-z', '--no-abbrev', '--no-renames', '--format=', '--stdin'], { cwd: dir, env, input });
  const fields = raw.toString('utf8').split('\0');
  const paths = new Set<string>();
  for (let i = 0; i < fields.length; i++) {
    const meta = fields[i]!.replace(/^\n+/, '');
    if (!meta.startsWith(':')) continue;
    const [, , oldSha, newSha] = meta.slice(1).split(' ');
    const file = fields[++i];
    if (file !== undefined && ((oldSha && missing.has(oldSha)) || (newSha && missing.has(newSha)))) paths.add(file);
  }
  return [...paths].sort();
}
