import { Octokit } from '@octokit/rest';
import type { IssuerAdapter, IssuerLimits, ReportOutcome } from './issuer.js';

/** GitHub aborts nothing here, but we do: one call may take this long. */
const TIMEOUT_MS = 15_000;

function limitsOf(headers: Record<string, string | number | undefined>): IssuerLimits | undefined {
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(remaining) && Number.isFinite(reset) ? { remaining, resetAt: new Date(reset * 1000) } : undefined;
}

/**
 * GitHub's credential revocation API, `POST /credentials/revoke {"credentials": [...]}`: at most
 * 1,000 tokens per call and 60 calls per hour, 202 when accepted, 422 when the batch fails
 * validation (or the endpoint is being spammed). It must be called unauthenticated (an
 * authenticated call gets 403), so the Octokit client has no token. Rate limiting answers 403
 * or 429 with `x-ratelimit-remaining: 0` / `x-ratelimit-reset`, or `retry-after`.
 */
export function createGithubIssuer({ baseUrl }: { baseUrl: string }): IssuerAdapter {
  const octokit = new Octokit({ baseUrl, userAgent: 'keyguard-relay', log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } });
  return {
    name: 'github',
    displayName: 'GitHub',
    maxBatch: 1000,
    callsPerWindow: 60,
    windowMs: 3600 * 1000,
    async report(tokens): Promise<ReportOutcome & { limits?: IssuerLimits }> {
      try {
        const response = await octokit.request('POST /credentials/revoke', {
          credentials: tokens,
          headers: { 'x-github-api-version': '2022-11-28' },
          request: { signal: AbortSignal.timeout(TIMEOUT_MS) },
        });
        return { kind: 'accepted', limits: limitsOf(response.headers) };
      } catch (error) {
        const status = (error as { status?: number }).status;
        const headers = ((error as { response?: { headers?: Record<string, string> } }).response?.headers ?? {}) as Record<string, string>;
        const limits = limitsOf(headers);
        const retryAfter = Number(headers['retry-after']);
        if (status === 429 || (status === 403 && (limits?.remaining === 0 || Number.isFinite(retryAfter)))) {
          const until = Number.isFinite(retryAfter) ? new Date(Date.now() + retryAfter * 1000) : (limits?.resetAt ?? new Date(Date.now() + 60_000));
          return { kind: 'rate_limited', until, reason: `GitHub answered ${status}: rate limited`, limits };
        }
        if (status === 422) return { kind: 'refused', reason: 'GitHub answered 422: validation failed', limits };
        // Never the error's message: it may quote the request (the tokens).
        return { kind: 'failed', reason: status ? `GitHub answered ${status}` : `${(error as { name?: string }).name ?? 'Error'} reaching GitHub` };
      }
    },
  };
}
