import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError, Gitlab } from '@gitbeaker/rest';
import { retriable } from '@keyguard/bus';
import { classifyUpstream } from '@keyguard/ingest-kit';

export interface FileDiff {
  path: string;
  diff: string;
  deleted: boolean;
  /** GitLab left the diff out (too large or collapsed): fetch the file instead. */
  omitted: boolean;
}

export interface Compare {
  diffs: FileDiff[];
  commits: string[];
  timedOut: boolean;
}

const toDiff = (d: Record<string, unknown>): FileDiff => ({
  path: String(d.new_path ?? d.old_path ?? ''),
  diff: typeof d.diff === 'string' ? d.diff : '',
  deleted: d.deleted_file === true,
  omitted: (d.too_large === true || d.collapsed === true) && !(typeof d.diff === 'string' && d.diff.length > 0),
});

/** Gitbeaker errors → retriable (5xx, 429 after Gitbeaker's own retries, timeouts) or permanent (404 …). */
function mapError(error: unknown, what: string): never {
  if (error instanceof GitbeakerTimeoutError) throw retriable('UPSTREAM_TIMEOUT', `${what}: timed out`, error);
  if (error instanceof GitbeakerRetryError) throw retriable('UPSTREAM_TRANSIENT', `${what}: still failing after retries`, error);
  if (error instanceof GitbeakerRequestError) {
    const response = (error.cause as { response?: Response } | undefined)?.response;
    throw classifyUpstream(response?.status, what, error, response?.status === 429);
  }
  throw retriable('UPSTREAM_UNREACHABLE', `${what}: ${error instanceof Error ? error.name : 'failed'}`, error);
}

/** The GitLab REST calls the worker makes, through @gitbeaker/rest against GITLAB_URL. */
export function createGitlabApi({ host, token, timeoutMs = 20_000 }: { host: string; token?: string; timeoutMs?: number }) {
  const api = new Gitlab({ host: host.replace(/\/$/, ''), queryTimeout: timeoutMs, ...(token ? { token } : {}) } as { host: string; token: string; queryTimeout: number });
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      mapError(error, what);
    }
  };

  return {
    async compare(projectId: number, from: string, to: string): Promise<Compare> {
      const result = await call(`GitLab compare ${projectId}`, () => api.Repositories.compare(projectId, from, to));
      return {
        diffs: (result.diffs ?? []).map((d) => toDiff(d as Record<string, unknown>)),
        commits: (result.commits ?? []).map((c) => String(c.id)),
        timedOut: result.compare_timeout === true,
      };
    },
    async commitDiff(projectId: number, sha: string): Promise<FileDiff[]> {
      const diffs = await call(`GitLab commit diff ${projectId}@${sha.slice(0, 12)}`, () => api.Commits.showDiff(projectId, sha));
      return diffs.map((d) => toDiff(d as Record<string, unknown>));
    },
    async rawFile(projectId: number, path: string, ref: string): Promise<Buffer> {
      const body = await call(`GitLab raw file ${projectId}`, () => api.RepositoryFiles.showRaw(projectId, path, ref));
      if (typeof body === 'string') return Buffer.from(body, 'utf8');
      if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
      return Buffer.from(JSON.stringify(body));
    },
  };
}
export type GitlabApi = ReturnType<typeof createGitlabApi>;
