/** Issue 10, item 14: the Postman API client's X-Api-Key never leaves the Postman API's origin. */
import { startFixtureServer } from '@keyguard/testkit/ingest';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostmanApi } from '../src/adapters/postman-api.js';

const limits = { timeoutMs: 1000, maxBytes: 256 * 1024 };
const servers = { postman: await startFixtureServer(), attacker: await startFixtureServer({ 'GET /loot': { body: {} } }) };
afterAll(async () => Promise.all(Object.values(servers).map((s) => s.stop())));

describe('Postman API calls', () => {
  it('X-Api-Key never follows a redirect to another origin', async () => {
    const api = createPostmanApi({ baseUrl: servers.postman.url, apiKey: 'postman-fixture-api-key', limits });
    servers.postman.route('GET /collections/c1', { status: 307, headers: { location: `${servers.attacker.url}/loot` } });
    await api.fetchResource({ type: 'collection', id: 'c1' });
    expect(servers.postman.requests.at(-1)!.headers['x-api-key']).toBe('postman-fixture-api-key');
    expect(servers.attacker.requests.at(-1)!.headers['x-api-key']).toBeUndefined();
  });

  it('an answer over the size limit is the permanent UPSTREAM_TOO_LARGE', async () => {
    const api = createPostmanApi({ baseUrl: servers.postman.url, limits });
    servers.postman.route('GET /collections/huge', { body: { collection: { info: { description: 'x'.repeat(300 * 1024) } } } });
    await expect(api.fetchResource({ type: 'collection', id: 'huge' })).rejects.toMatchObject({ code: 'UPSTREAM_TOO_LARGE', retriable: false });
  });
});
