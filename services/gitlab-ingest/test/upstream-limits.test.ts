/**
 * Issue 10, item 14, through the real client: Gitbeaker, whose own request handler applies no
 * time limit and lets fetch follow redirects with PRIVATE-TOKEN to any origin.
 */
import { startFixtureServer } from '@keyguard/testkit/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitlabApi } from '../src/adapters/gitlab-api.js';

const limits = { timeoutMs: 1000, maxBytes: 256 * 1024 };
const servers = { gitlab: await startFixtureServer(), attacker: await startFixtureServer() };
beforeAll(() => {
  servers.attacker.route('GET /loot', { body: [] });
});
afterAll(async () => Promise.all(Object.values(servers).map((s) => s.stop())));

describe('GitLab API calls', () => {
  it('Gitbeaker: PRIVATE-TOKEN is sent to GitLab but never through a redirect to another origin', async () => {
    const api = createGitlabApi({ host: servers.gitlab.url, token: 'glpat-fixture-token-value', limits });
    servers.gitlab.route('GET /api/v4/projects/7/repository/commits/abc/diff', { status: 302, headers: { location: `${servers.attacker.url}/loot` } });
    expect(await api.commitDiff(7, 'abc')).toEqual([]);
    expect(servers.gitlab.requests.at(-1)!.headers['private-token']).toBe('glpat-fixture-token-value');
    const stolen = servers.attacker.requests.at(-1)!;
    expect(stolen.path).toBe('/loot');
    expect(stolen.headers['private-token']).toBeUndefined();
  });

  it('Gitbeaker: an answer over the size limit is the permanent UPSTREAM_TOO_LARGE, a stalled one a retriable timeout', async () => {
    const api = createGitlabApi({ host: servers.gitlab.url, limits });
    servers.gitlab.route('GET /api/v4/projects/7/repository/commits/big/diff', { body: [{ diff: 'x'.repeat(300 * 1024), new_path: 'a' }] });
    await expect(api.commitDiff(7, 'big')).rejects.toMatchObject({ code: 'UPSTREAM_TOO_LARGE', retriable: false });
    servers.gitlab.route('GET /api/v4/projects/7/repository/commits/slow/diff', { body: [], delayMs: 3000 });
    await expect(api.commitDiff(7, 'slow')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT', retriable: true });
  });
});
