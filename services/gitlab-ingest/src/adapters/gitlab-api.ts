import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError, Gitlab } from '@gitbeaker/rest';
import { createRequesterFn, type RequestOptions } from '@gitbeaker/requester-utils';
import { HandlerError, retriable } from '@keyguard/bus';
import { classifyUpstream, type UpstreamLimits, upstreamFetch } from '@keyguard/ingest-kit';

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

/** Gitbeaker's own parsing of an answer: JSON, text, else a Blob. */
async function parseBody(response: Response): Promise<unknown> {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (response.status === 204) return null;
  if (type === 'application/json') return (await response.json()) || {};
  if (type.startsWith('text/')) return response.text();
  return response.blob();
}

/**
 * Gitbeaker's requests over `upstreamFetch`. Its own request handler (43.8) applies no time
 * limit (`queryTimeout` is never used), reads answers of any size, and lets fetch follow
 * redirects with PRIVATE-TOKEN to any origin; it also retries 429/502 ten times, which the
 * worker's consumer already does with backoff. The rest of Gitbeaker (endpoints, query
 * strings, authentication headers) stays as it is.
 */
export function gitbeakerRequester(limits: UpstreamLimits) {
  return createRequesterFn(
    async (_resource, options) => options,
    async (endpoint, options = {}) => {
      const { prefixUrl, searchParams, method, headers, body, signal } = options as RequestOptions;
      const url = new URL(endpoint, prefixUrl?.endsWith('/') ? prefixUrl : `${prefixUrl}/`);
      url.search = searchParams ?? '';
      const response = await upstreamFetch(url, { method, headers, body, signal }, limits);
      if (!response.ok) {
        const description = (await response.text()).slice(0, 500);
        throw new GitbeakerRequestError(description, { cause: { description, request: new Request(url, { method }), response } });
      }
      return { body: (await parseBody(response)) as never, headers: Object.fromEntries(response.headers), status: response.status };
    },
  );
}

/** Gitbeaker errors → retriable (5xx, 429 after Gitbeaker's own retries, timeouts) or permanent (404 …). */
function mapError(error: unknown, what: string): never {
  if (error instanceof HandlerError) throw error;
  if (error instanceof GitbeakerTimeoutError) throw retriable('UPSTREAM_TIMEOUT', `${what}: timed out`, error);
  if (error instanceof GitbeakerRetryError) throw retriable('UPSTREAM_TRANSIENT', `${what}: still failing after retries`, error);
  if (error instanceof GitbeakerRequestError) {
    const response = (error.cause as { response?: Response } | undefined)?.response;
    throw classifyUpstream(response?.status, what, error, response?.status === 429);
  }
  throw retriable('UPSTREAM_UNREACHABLE', `${what}: ${error instanceof Error ? error.name : 'failed'}`, error);
}

/** The GitLab REST calls the worker makes, through @gitbeaker/rest against GITLAB_URL. */
export function createGitlabApi({ host, token, limits }: { host: string; token?: string; limits: UpstreamLimits }) {
  const api = new Gitlab({ host: host.replace(/\/$/, ''), requesterFn: gitbeakerRequester(limits), ...(token ? { token } : {}) } as {
    host: string;
    token: string;
  });
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
