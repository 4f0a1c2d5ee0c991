import { createServer } from 'node:http';

export interface RevokeServerOptions {
  /** Calls allowed per window before 403 with x-ratelimit-remaining: 0 (GitHub: 60 per hour). */
  limit?: number;
  windowMs?: number;
}

/**
 * A local server implementing GitHub's `POST /credentials/revoke` as documented: a JSON body
 * `{"credentials": [...]}` of 1–1,000 strings, 202 when accepted, 422 on validation failure,
 * 403 for an authenticated call, rate limit headers on every answer and 403 once the window's
 * calls are used. Tests can make it refuse given tokens (422) or answer 429 with retry-after.
 */
export async function startRevokeServer(options: RevokeServerOptions = {}) {
  const limit = options.limit ?? 60;
  const windowMs = options.windowMs ?? 3600_000;
  let windowStart = Date.now();
  let used = 0;
  const state = {
    refused: new Set<string>(),
    /** Answer the next N calls with 429 and retry-after: 1. */
    tooManyNext: 0,
    calls: [] as { status: number; credentials: string[] }[],
    accepted: [] as string[],
    /** Someone else (same address) used this window's calls. */
    exhaust: () => {
      used = limit;
    },
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const now = Date.now();
      if (now - windowStart >= windowMs) {
        windowStart = now;
        used = 0;
      }
      const reset = Math.ceil((windowStart + windowMs) / 1000);
      const answer = (status: number, json: unknown, headers: Record<string, string> = {}, credentials: string[] = []) => {
        state.calls.push({ status, credentials });
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': String(Math.max(0, limit - used)),
          'x-ratelimit-reset': String(reset),
          ...headers,
        });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || req.url !== '/credentials/revoke') return answer(404, { message: 'Not Found' });
      if (req.headers.authorization) return answer(403, { message: 'Must not be authenticated' });
      if (state.tooManyNext > 0) {
        state.tooManyNext--;
        return answer(429, { message: 'Too many requests' }, { 'retry-after': '1' });
      }
      if (used >= limit) return answer(403, { message: 'API rate limit exceeded' });
      used++;
      let credentials: unknown;
      try {
        credentials = (JSON.parse(body) as { credentials?: unknown }).credentials;
      } catch {
        return answer(400, { message: 'Problems parsing JSON' });
      }
      if (!Array.isArray(credentials) || credentials.length === 0 || credentials.length > 1000 || !credentials.every((c) => typeof c === 'string')) {
        return answer(422, { message: 'Validation Failed' });
      }
      const list = credentials as string[];
      if (list.some((c) => state.refused.has(c))) return answer(422, { message: 'Validation Failed' }, {}, list);
      state.accepted.push(...list);
      return answer(202, {}, {}, list);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, state, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
