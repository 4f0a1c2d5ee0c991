/**
 * Issue 10, item 14: upstream fetches (Postman, GitHub, GitLab, partner keys) had no body size
 * or time limit, and a custom API key header followed a redirect to any origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '@keyguard/testkit/ingest';
import { upstreamFetch } from '../src/upstream.js';

let origin: FixtureServer;
let elsewhere: FixtureServer;
let trickler: Server;
let trickleUrl: string;
const limits = { timeoutMs: 2000, maxBytes: 1024 * 1024 };
const credentials = { 'x-api-key': 'pmak-like-secret', authorization: 'Bearer t0ken', 'private-token': 'glpat-like', accept: 'application/json' };

beforeAll(async () => {
  origin = await startFixtureServer();
  elsewhere = await startFixtureServer();
  // Headers at once, then one byte a second: never a complete answer.
  trickler = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 1000);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => trickler.listen(0, '127.0.0.1', resolve));
  trickleUrl = `http://127.0.0.1:${(trickler.address() as AddressInfo).port}/slow`;
});
afterAll(async () => {
  await origin.stop();
  await elsewhere.stop();
  trickler.closeAllConnections();
  await new Promise((r) => trickler.close(r));
});

describe('upstreamFetch', () => {
  it('never sends credential headers across a redirect to another origin, and keeps them on the same origin', async () => {
    elsewhere.route('GET /landing', { body: { where: 'elsewhere' } });
    origin.route('GET /moved', { status: 302, headers: { location: `${elsewhere.url}/landing` } });
    origin.route('GET /renamed', { status: 301, headers: { location: '/current' } });
    origin.route('GET /current', { body: { where: 'origin' } });

    const away = await upstreamFetch(`${origin.url}/moved`, { headers: credentials }, limits);
    expect(await away.json()).toEqual({ where: 'elsewhere' });
    const landed = elsewhere.requests.find((r) => r.path === '/landing')!;
    for (const name of ['x-api-key', 'authorization', 'private-token']) expect(landed.headers[name]).toBeUndefined();
    expect(landed.headers.accept).toBe('application/json');
    expect(away.url).toBe(`${elsewhere.url}/landing`);

    const home = await upstreamFetch(`${origin.url}/renamed`, { headers: credentials }, limits);
    expect(await home.json()).toEqual({ where: 'origin' });
    expect(origin.requests.find((r) => r.path === '/current')!.headers['x-api-key']).toBe('pmak-like-secret');

    // Once dropped, dropped for good: a redirect back to the origin does not restore them.
    elsewhere.route('GET /bounce', { status: 307, headers: { location: `${origin.url}/current` } });
    origin.route('GET /out-and-back', { status: 302, headers: { location: `${elsewhere.url}/bounce` } });
    const before = origin.requests.length;
    await upstreamFetch(`${origin.url}/out-and-back`, { headers: credentials }, limits);
    expect(origin.requests.slice(before).find((r) => r.path === '/current')!.headers['x-api-key']).toBeUndefined();
  });

  it('refuses an answer over the size limit, declared or not, as the permanent UPSTREAM_TOO_LARGE', async () => {
    origin.route('GET /big', { body: 'x'.repeat(2 * 1024 * 1024) });
    await expect(upstreamFetch(`${origin.url}/big`, {}, limits)).rejects.toMatchObject({ code: 'UPSTREAM_TOO_LARGE', retriable: false });
    origin.route('GET /big-chunked', { body: 'x'.repeat(2 * 1024 * 1024), headers: { 'transfer-encoding': 'chunked' } });
    await expect(upstreamFetch(`${origin.url}/big-chunked`, {}, limits)).rejects.toMatchObject({ code: 'UPSTREAM_TOO_LARGE' });
    origin.route('GET /fits', { body: 'y'.repeat(1000) });
    expect((await (await upstreamFetch(`${origin.url}/fits`, {}, limits)).text()).length).toBe(1000);
  });

  it('gives up on an answer whose body does not arrive within the time limit (retriable UPSTREAM_TIMEOUT)', async () => {
    const started = Date.now();
    await expect(upstreamFetch(trickleUrl, {}, { timeoutMs: 800, maxBytes: 1024 })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', retriable: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops after five redirects', async () => {
    origin.route('GET /loop', { status: 302, headers: { location: '/loop' } });
    await expect(upstreamFetch(`${origin.url}/loop`, {}, limits)).rejects.toMatchObject({ code: 'UPSTREAM_REDIRECTS', retriable: false });
  });
});
