import { permanent, retriable } from '@keyguard/bus';
import pMap from 'p-map';

/**
 * What a failed upstream call means for the worker: 5xx, 429, timeouts and rate-limit 403s
 * are transient (retry with backoff); 404/410 (a deleted repository or resource), 401 and
 * other 4xx are permanent (log, commit, move on).
 */
export function classifyUpstream(status: number | undefined, what: string, cause?: unknown, rateLimited = false) {
  if (status === undefined) return retriable('UPSTREAM_UNREACHABLE', `${what}: no response`, cause);
  if (status >= 500 || status === 429 || status === 408 || rateLimited) return retriable('UPSTREAM_TRANSIENT', `${what}: HTTP ${status}`, cause);
  if (status === 404 || status === 410) return permanent('UPSTREAM_NOT_FOUND', `${what}: HTTP ${status}`, cause);
  return permanent('UPSTREAM_REJECTED', `${what}: HTTP ${status}`, cause);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `items.map(fn)` with at most `limit` calls in flight (upstream APIs are rate-limited), in order (p-map). */
export const mapLimit = <T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => pMap(items, fn, { concurrency: limit });

export interface UpstreamLimits {
  /** The whole call, redirects and body included. */
  timeoutMs: number;
  /** The answer's body, after decompression. */
  maxBytes: number;
}

/**
 * Request headers that carry a credential. fetch drops `Authorization` and `Cookie` on a
 * redirect to another origin, but not custom ones such as Postman's `X-Api-Key` or GitLab's
 * `PRIVATE-TOKEN`: none of them ever leaves the origin it was meant for.
 */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'x-api-key', 'private-token', 'job-token'];
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);
const MAX_REDIRECTS = 5;

async function readBounded(response: Response, maxBytes: number, what: string): Promise<Uint8Array | null> {
  if (!response.body) return null;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => {});
    throw permanent('UPSTREAM_TOO_LARGE', `${what}: the answer declares ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw permanent('UPSTREAM_TOO_LARGE', `${what}: the answer is over the ${maxBytes}-byte limit`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts, total);
}

/**
 * `fetch` for every call to a provider's API, a drop-in for Octokit's, Gitbeaker's and our own:
 * - the whole call, body included, ends within `timeoutMs` (AbortSignal.timeout, combined with
 *   the caller's signal): a retriable UPSTREAM_TIMEOUT;
 * - the body is read here, at most `maxBytes` of it: a larger answer is the permanent
 *   UPSTREAM_TOO_LARGE (the event is skipped and logged, never retried into the DLQ);
 * - redirects are followed here (at most 5) and credential headers are dropped for good as
 *   soon as one leads to another origin.
 * The answer comes back as a Response over the bytes read.
 */
export async function upstreamFetch(input: string | URL | Request, init: RequestInit, limits: UpstreamLimits): Promise<Response> {
  const request = input instanceof Request ? input : undefined;
  let url = new URL(request ? request.url : input.toString());
  const origin = url.origin;
  let method = (init.method ?? request?.method ?? 'GET').toUpperCase();
  let body = init.body ?? undefined;
  const headers = new Headers(request?.headers);
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
  const signals = [AbortSignal.timeout(limits.timeoutMs), init.signal ?? request?.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
  const signal = signals.length === 1 ? signals[0]! : AbortSignal.any(signals);
  const what = `${method} ${url.origin}${url.pathname}`;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, { ...init, method, headers, body, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        await response.body?.cancel().catch(() => {});
        if (hop >= MAX_REDIRECTS) throw permanent('UPSTREAM_REDIRECTS', `${what}: more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, url);
        if (url.origin !== origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers.delete('content-type');
        }
        continue;
      }
      const bytes = await readBounded(response, limits.maxBytes, what);
      const answer = new Response(NULL_BODY.has(response.status) ? null : bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(answer, 'url', { value: url.toString() });
      return answer;
    }
  } catch (error) {
    if (signal.aborted && !init.signal?.aborted && !request?.signal.aborted) {
      throw retriable('UPSTREAM_TIMEOUT', `${what}: no complete answer within ${limits.timeoutMs} ms`, error);
    }
    throw error;
  }
}

/** `upstreamFetch` with its limits bound: what Octokit's `request.fetch` expects. */
export const boundedFetch =
  (limits: UpstreamLimits) =>
  (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    upstreamFetch(input, init, limits);
