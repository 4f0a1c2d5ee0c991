/**
 * What alert tests share: the SMTP sink's messages to one address, a local webhook receiver,
 * and a local server implementing GitHub's credential revocation endpoint.
 */
import { createServer, type IncomingMessage } from 'node:http';

/** A message the SMTP sink (infra) received, as its HTTP API returns it. */
export interface SinkMessage {
  subject: string;
  text: string;
  html: string | null;
  envelope: { to: string[] };
}

/** What the SMTP sink at SMTP_SINK_URL received for `to`. */
export const mailTo = async (to: string): Promise<SinkMessage[]> =>
  (await fetch(`${process.env.SMTP_SINK_URL!}/messages?to=${encodeURIComponent(to)}`)).json() as Promise<SinkMessage[]>;

export interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP receiver; `answer` decides the status of each request. */
export async function startReceiver(answer: (n: number) => number = () => 204) {
  const received: Received[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = answer(n++);
      if (status < 300) received.push({ at: Date.now(), headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

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
