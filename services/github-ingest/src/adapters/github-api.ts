import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { boundedFetch, classifyUpstream, sleep, type UpstreamLimits } from '@keyguard/ingest-kit';
import { HandlerError, retriable } from '@keyguard/bus';
import type { Logger } from '@keyguard/logger';

export interface ChangedFile {
  filename: string;
  status: string;
  patch?: string;
  changes?: number;
}

export interface CompareResult {
  files: ChangedFile[];
  commits: string[];
  totalCommits: number;
}

/** The compare API lists at most 300 files; a full page means there may be more. */
export const COMPARE_FILE_LIMIT = 300;
/** Wait for a rate-limit reset inside a handler only this long; longer waits go back to the consumer's backoff. */
const MAX_INLINE_RATE_LIMIT_WAIT_MS = 5000;

type Repo = { owner: string; repo: string };
export const splitRepository = (fullName: string): Repo => {
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo };
};

/** A GitHub App's credentials (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY). */
export interface GithubAppCredentials {
  appId: number;
  privateKey: string;
}

export interface GithubApiOptions {
  baseUrl: string;
  /** A static token (GITHUB_TOKEN), when not acting as an App installation. */
  token?: string;
  /** Act as this App installation: @octokit/auth-app mints and renews its installation tokens. */
  installation?: GithubAppCredentials & { installationId: number };
  logger: Logger;
  limits: UpstreamLimits;
  maxFileBytes: number;
}

/** The cause Octokit wrapped, when it is one of ours (upstream timeout, answer too large). */
const ourCause = (error: unknown): HandlerError | undefined => {
  const cause = (error as { cause?: unknown }).cause;
  return error instanceof HandlerError ? error : cause instanceof HandlerError ? cause : undefined;
};

/**
 * The GitHub REST calls the worker makes, through Octokit against GITHUB_API_URL, as a static
 * token or as an App installation, over `upstreamFetch` (time and size limits, the token never
 * sent to another origin). Respects `x-ratelimit-remaining`/`x-ratelimit-reset` and
 * `retry-after`; maps failures to retriable (5xx, 429, rate-limit 403, timeouts) or permanent
 * (404 on a deleted repository, other 4xx, an answer over the size limit).
 */
export function createGithubApi({ baseUrl, token, installation, logger, limits, maxFileBytes }: GithubApiOptions) {
  const fileFetch = boundedFetch({ ...limits, maxBytes: Math.min(limits.maxBytes, maxFileBytes) });
  const octokit = new Octokit({
    baseUrl: baseUrl.replace(/\/$/, ''),
    ...(installation ? { authStrategy: createAppAuth, auth: installation } : { auth: token }),
    userAgent: 'keyguard-github-ingest',
    request: { fetch: boundedFetch(limits) },
    log: { debug: () => {}, info: () => {}, warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) },
  });

  let resetAt = 0;
  octokit.hook.before('request', async () => {
    const wait = resetAt - Date.now();
    if (wait <= 0) return;
    if (wait > MAX_INLINE_RATE_LIMIT_WAIT_MS) throw retriable('RATE_LIMITED', `GitHub rate limit resets in ${Math.ceil(wait / 1000)} s`);
    await sleep(wait);
  });
  octokit.hook.after('request', (response) => {
    const headers = response.headers as Record<string, string | undefined>;
    if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
      resetAt = Number(headers['x-ratelimit-reset']) * 1000;
      logger.warn({ resetAt: new Date(resetAt).toISOString() }, 'GitHub rate limit exhausted');
    }
  });
  octokit.hook.error('request', (error, options) => {
    const ours = ourCause(error);
    if (ours) throw ours;
    const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> }; retriable?: boolean };
    if (typeof e.retriable === 'boolean') throw error;
    const headers = e.response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    const rateLimited = (e.status === 403 || e.status === 429) && (headers['x-ratelimit-remaining'] === '0' || Number.isFinite(retryAfter));
    if (rateLimited) resetAt = Number.isFinite(retryAfter) ? Date.now() + retryAfter * 1000 : Number(headers['x-ratelimit-reset'] ?? 0) * 1000;
    throw classifyUpstream(e.status, `GitHub ${options.method} ${options.url}`, error, rateLimited);
  });

  return {
    /** The token git clones with: the installation's current one (minted or renewed as needed), else the static token. */
    async gitToken(): Promise<string | undefined> {
      if (!installation) return token;
      const auth = (await octokit.auth({ type: 'installation' })) as { token: string };
      return auth.token;
    },
    /** Every repository the installation can read (GET /installation/repositories, all pages). */
    async installationRepositories(): Promise<Array<{ fullName: string; private: boolean; htmlUrl: string; sizeKb: number | undefined }>> {
      const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
      return repos.map((r) => ({ fullName: r.full_name, private: r.private, htmlUrl: r.html_url, sizeKb: r.size }));
    },
    async compare(repository: string, base: string, head: string): Promise<CompareResult> {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...splitRepository(repository), basehead: `${base}...${head}`, per_page: 100 });
      return {
        files: (data.files ?? []).map((f) => ({ filename: f.filename, status: f.status, patch: f.patch, changes: f.changes })),
        commits: data.commits.map((c) => c.sha),
        totalCommits: data.total_commits,
      };
    },
    async commitFiles(repository: string, sha: string): Promise<ChangedFile[]> {
      const { data } = await octokit.rest.repos.getCommit({ ...splitRepository(repository), ref: sha, per_page: 300 });
      return (data.files ?? []).map((f) => ({ filename: f.filename, status: f.status, patch: f.patch, changes: f.changes }));
    },
    /**
     * The file's bytes at `ref` (for files whose diff GitHub did not include: too large), or
     * undefined when the file is larger than `maxFileBytes` (not scanned; the rest of the push is).
     */
    async rawFile(repository: string, path: string, ref: string): Promise<Buffer | undefined> {
      let data: unknown;
      try {
        ({ data } = await octokit.rest.repos.getContent({
          ...splitRepository(repository),
          path,
          ref,
          mediaType: { format: 'raw' },
          request: { fetch: fileFetch },
        }));
      } catch (error) {
        if (error instanceof HandlerError && error.code === 'UPSTREAM_TOO_LARGE') return undefined;
        throw error;
      }
      // Octokit returns text for text/* responses and an ArrayBuffer for anything else.
      const body = data as unknown;
      if (typeof body === 'string') return Buffer.from(body, 'utf8');
      if (body instanceof ArrayBuffer) return Buffer.from(body);
      if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      throw retriable('UNEXPECTED_CONTENT', `GitHub returned JSON instead of the raw file ${path}`);
    },
  };
}
export type GithubApi = ReturnType<typeof createGithubApi>;
