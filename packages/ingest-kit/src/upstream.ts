import { permanent, retriable } from '@keyguard/bus';

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

/** `items.map(fn)` with at most `limit` calls in flight (upstream APIs are rate-limited). */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
}

/**
 * `fetch` that gives up after `timeoutMs` (until the response headers arrive, and while the
 * body is read by the caller the timer is already cleared). An AbortController and a plain
 * timer cost far less per request than `AbortSignal.timeout`, which is transferable.
 */
export async function fetchWithTimeout(url: string | URL | Request, init: RequestInit = {}, timeoutMs = 20_000): Promise<Response> {
  if (init.signal) return fetch(url, init);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no response within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}
