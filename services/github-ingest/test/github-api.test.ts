/** Issue 10, item 14, through Octokit: size and time limits, and the token kept on GitHub's origin. */
import { startFixtureServer } from '@keyguard/testkit/ingest';
import { createLogger } from '@keyguard/logger';
import { afterAll, describe, expect, it } from 'vitest';
import { createGithubApi } from '../src/adapters/github-api.js';

const logger = createLogger({ name: 'test', level: 'silent' });
const limits = { timeoutMs: 1000, maxBytes: 512 * 1024 };
const servers = { github: await startFixtureServer(), attacker: await startFixtureServer({ 'GET /loot': { body: 'x' } }) };
afterAll(async () => Promise.all(Object.values(servers).map((s) => s.stop())));
const api = createGithubApi({ baseUrl: servers.github.url, token: 'ghp-fixture-token', logger, limits, maxFileBytes: 64 * 1024 });

describe('GitHub API calls', () => {
  it('skips a raw file over maxFileBytes (undefined) instead of failing the push', async () => {
    servers.github.route('GET /repos/o/r/contents/big.txt', { body: 'y'.repeat(100 * 1024) });
    servers.github.route('GET /repos/o/r/contents/small.txt', { body: 'z'.repeat(1024) });
    expect(await api.rawFile('o/r', 'big.txt', 'abc')).toBeUndefined();
    expect((await api.rawFile('o/r', 'small.txt', 'abc'))?.length).toBe(1024);
  });

  it('fails a compare over the size limit permanently, a stalled one retriably, and never sends the token elsewhere', async () => {
    servers.github.route('GET /repos/o/r/compare/a...b', {
      body: { files: [{ filename: 'f', status: 'added', patch: 'x'.repeat(600 * 1024) }], commits: [], total_commits: 0 },
    });
    await expect(api.compare('o/r', 'a', 'b')).rejects.toMatchObject({ code: 'UPSTREAM_TOO_LARGE', retriable: false });
    servers.github.route('GET /repos/o/r/compare/c...d', { body: {}, delayMs: 3000 });
    await expect(api.compare('o/r', 'c', 'd')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', retriable: true });
    servers.github.route('GET /repos/o/r/contents/moved.txt', { status: 302, headers: { location: `${servers.attacker.url}/loot` } });
    await api.rawFile('o/r', 'moved.txt', 'abc');
    expect(servers.github.requests.at(-1)!.headers.authorization).toBe('token ghp-fixture-token');
    expect(servers.attacker.requests.at(-1)!.headers.authorization).toBeUndefined();
  });
});
