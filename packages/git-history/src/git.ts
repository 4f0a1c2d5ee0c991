import { spawn } from 'node:child_process';

export type GitErrorCode = 'GIT_NOT_FOUND' | 'GIT_FAILED' | 'ABORTED' | 'TOO_LARGE';

/** git could not run, failed (its first `fatal:`/`error:` line is the message), or was stopped. */
export class GitError extends Error {
  readonly code: GitErrorCode;
  readonly exitCode: number | null;
  constructor(code: GitErrorCode, message: string, exitCode: number | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

export interface GitRunOptions {
  /** Run in this directory (`git -C`). */
  cwd?: string;
  /** Written to git's stdin, which is then closed. */
  input?: string;
  signal?: AbortSignal;
  /** Added to the environment (e.g. GIT_CONFIG_* carrying an auth header, never argv). */
  env?: Record<string, string>;
  /** Each stdout chunk, as it arrives; when absent stdout is collected and returned. */
  onStdout?: (chunk: Buffer) => void;
}

/** What git is told in every run: never prompt, never page, never read the system config's pager/colour. */
const BASE_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };

const STDERR_KEEP = 8 * 1024;

/** The line of git's stderr that says what went wrong (its `fatal:` line, else the last one). */
function reason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => l.startsWith('fatal:')) ?? lines.find((l) => l.startsWith('error:')) ?? lines.at(-1) ?? 'git failed').slice(0, 500);
}

/**
 * Runs `git ARGS`, streaming stdout to `onStdout` (a throwing callback stops git and rejects
 * with its error) or collecting it. Rejects with a GitError when git is missing, exits non-zero
 * or is aborted. A synchronous `onStdout` paces the reads: git blocks on a full pipe while a
 * chunk is being scanned, so memory stays flat.
 */
export function runGit(args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new GitError('ABORTED', 'git was stopped before it started'));
      return;
    }
    const child = spawn('git', [...(options.cwd !== undefined ? ['-C', options.cwd] : []), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...BASE_ENV, ...options.env },
    });
    const collected: Buffer[] = [];
    let stderr = '';
    let failure: unknown;
    const stop = (error: unknown) => {
      failure ??= error;
      child.kill('SIGTERM');
    };
    const onAbort = () => stop(new GitError('ABORTED', 'git was stopped'));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      if (!options.onStdout) {
        collected.push(chunk);
        return;
      }
      try {
        options.onStdout(chunk);
      } catch (error) {
        stop(error);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < STDERR_KEEP) stderr += text.slice(0, STDERR_KEEP - stderr.length);
    });
    child.stdin.on('error', () => {}); // git may exit before reading all its input
    child.stdin.end(options.input ?? '');
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'ENOENT'
          ? new GitError('GIT_NOT_FOUND', 'git is not installed or not on PATH', null, { cause: error })
          : new GitError('GIT_FAILED', `git could not start: ${error.code ?? error.message}`, null, { cause: error }),
      );
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (failure !== undefined) reject(failure);
      else if (code !== 0) reject(new GitError('GIT_FAILED', reason(stderr), code));
      else resolve(Buffer.concat(collected));
    });
  });
}

/** `git ARGS` → its stdout as trimmed text. */
export async function gitText(args: readonly string[], options: Omit<GitRunOptions, 'onStdout'> = {}): Promise<string> {
  return (await runGit(args, options)).toString('utf8').trim();
}
