/**
 * Issue 10, item 3: receivers read up to 25 MB before checking the GitLab token, had no
 * request timeout (a body trickled at one byte every few seconds stayed open for minutes) and
 * read any number of large bodies at once (12 bad-token uploads took RSS from 97 to 424 MB).
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
const REQUEST_TIMEOUT_MS = 1500;

beforeAll(async () => {
  h = await startHarness({ REQUEST_TIMEOUT_MS, LARGE_BODY_SLOTS: 1 });
});
afterAll(async () => h?.stop());

interface Upload {
  /** The answer's status and how many body bytes had been sent when it arrived. */
  answered: Promise<{ status: number; sentBeforeAnswer: number; retryAfter?: string; connection?: string }>;
  /** Resolves when the connection is gone, with the body bytes sent in all. */
  closed: Promise<number>;
  abort(): void;
}

/** POSTs a `length`-byte body in 64 KB chunks every `everyMs` until the server answers or hangs up. */
function upload(length: number, headers: Record<string, string>, everyMs = 5): Upload {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const req = httpRequest(`${h.url}/webhooks/gitlab`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(length), 'x-gitlab-event': 'Push Hook', ...headers },
  });
  const timer = setInterval(() => {
    if (sent >= length || req.destroyed) return clearInterval(timer);
    const part = chunk.subarray(0, Math.min(chunk.length, length - sent));
    sent += part.length;
    req.write(part);
  }, everyMs);
  const answered = new Promise<{ status: number; sentBeforeAnswer: number; retryAfter?: string; connection?: string }>((resolve, reject) => {
    req.on('response', (res) => {
      const at = sent;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sentBeforeAnswer: at, retryAfter: res.headers['retry-after'], connection: res.headers.connection });
    });
    req.on('error', reject);
  });
  answered.catch(() => {});
  const closed = new Promise<number>((resolve) =>
    req.on('close', () => {
      clearInterval(timer);
      resolve(sent);
    }),
  );
  return { answered, closed, abort: () => req.destroy() };
}

describe('receiver limits', () => {
  it('refuses a bad-token 20 MB upload before reading it, and closes the connection', async () => {
    const length = 20 * 1024 * 1024;
    const bad = upload(length, { 'x-gitlab-token': `${h.secret}-wrong` });
    const answer = await bad.answered;
    expect(answer).toMatchObject({ status: 401, connection: 'close' });
    expect(answer.sentBeforeAnswer).toBeLessThan(2 * 1024 * 1024);
    expect(await bad.closed).toBeLessThan(length);
  });

  it('closes a connection whose body trickles in slower than REQUEST_TIMEOUT_MS allows (slowloris)', async () => {
    const started = Date.now();
    const socket = connect(Number(new URL(h.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /webhooks/gitlab HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: ${h.secret}\r\n\r\n`,
    );
    const trickle = setInterval(() => socket.writable && socket.write('{'), 250);
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    const heldMs = Date.now() - started;
    expect(heldMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(heldMs).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('reads one large body at a time (LARGE_BODY_SLOTS=1): another gets 503 with Retry-After before its body is read', async () => {
    const slow = upload(3 * 1024 * 1024, { 'x-gitlab-token': h.secret }, 50);
    await new Promise((r) => setTimeout(r, 150)); // the slow upload holds the slot
    const refused = upload(2 * 1024 * 1024, { 'x-gitlab-token': h.secret });
    expect(await refused.answered).toMatchObject({ status: 503, retryAfter: '5', connection: 'close' });
    // Small bodies need no slot.
    const small = await fetch(`${h.url}/webhooks/gitlab`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': h.secret },
      body: '{}',
    });
    expect(small.status).toBe(400);
    slow.abort();
    await slow.closed;
    await expect.poll(async () => (await upload(2 * 1024 * 1024, { 'x-gitlab-token': h.secret }).answered).status, { timeout: 5000 }).not.toBe(503);
  });
});
