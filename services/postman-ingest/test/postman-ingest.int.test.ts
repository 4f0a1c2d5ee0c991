import { createHash, randomUUID } from 'node:crypto';
import { readAll } from '@keyguard/testkit/bus';
import { signPostmanEvent } from '@keyguard/testkit/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, locationOf, payloadOf, startHarness } from './harness.js';

let h: Harness;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function send(event: unknown, init: { timestamp?: string; signature?: string | null; secret?: string } = {}) {
  const body = JSON.stringify(event);
  const timestamp = init.timestamp ?? String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-postman-timestamp': timestamp };
  if (init.signature !== null) headers['x-postman-signature'] = init.signature ?? signPostmanEvent(init.secret ?? h.secret, timestamp, body);
  const res = await fetch(`${h.url}/webhooks/postman`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const event = (resource: Record<string, unknown>, content?: unknown) => ({
  id: randomUUID(),
  type: `${resource.type}.updated`,
  occurredAt: new Date().toISOString(),
  resource: { workspaceId: 'ws-1', visibility: 'public', url: `https://www.postman.com/acme/ws-1/${resource.type}/${resource.id}`, ...resource },
  ...(content === undefined ? {} : { content }),
});

/** A collection as the Postman API returns it, with a secret in seven different places. */
function leakyCollection(id: string) {
  const k = Array.from({ length: 7 }, () => h.plantKey());
  const collection = {
    collection: {
      info: {
        _postman_id: id,
        name: 'Leaky API',
        description: `Call it with ${k[0]} for now.`,
        schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      },
      auth: {
        type: 'apikey',
        apikey: [
          { key: 'value', value: k[1], type: 'string' },
          { key: 'key', value: 'X-Api-Key', type: 'string' },
        ],
      },
      item: [
        {
          name: 'Folder',
          item: [
            {
              name: 'Get me',
              request: {
                method: 'POST',
                header: [
                  { key: 'Content-Type', value: 'application/json' },
                  { key: 'X-Api-Key', value: k[2] },
                ],
                url: {
                  raw: 'https://api.getpostman.com/me?apikey={{key}}',
                  protocol: 'https',
                  host: ['api', 'getpostman', 'com'],
                  path: ['me'],
                  query: [{ key: 'apikey', value: k[3] }],
                },
                body: { mode: 'raw', raw: JSON.stringify({ user: 'me', token: k[4] }, null, 2) },
              },
              event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: ['const a = 1;', `pm.environment.set('key', '${k[5]}');`] } }],
            },
          ],
        },
      ],
      variable: [{ key: 'apiKey', value: k[6], type: 'string' }],
    },
  };
  const paths = [
    '$.collection.info.description',
    '$.collection.auth.apikey[0].value',
    '$.collection.item[0].item[0].request.header[1].value',
    '$.collection.item[0].item[0].request.url.query[0].value',
    '$.collection.item[0].item[0].request.body.raw',
    '$.collection.item[0].item[0].event[0].script.exec[1]',
    '$.collection.variable[0].value',
  ];
  return { collection, keys: k, paths };
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('POST /webhooks/postman', () => {
  it('scans inline collection content at the receiver and reports each secret with its JSON path', async () => {
    const leaky = leakyCollection('c-inline');
    const res = await send(event({ type: 'collection', id: 'c-inline' }, leaky.collection));
    expect(res).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const exposures = await h.exposuresOf(leaky.keys.map(sha256));
    for (const [i, key] of leaky.keys.entries()) {
      const found = exposures.find((m) => payloadOf(m).tokenHash === sha256(key))!;
      expect(locationOf(found)).toEqual({
        source: 'postman',
        kind: 'collection',
        url: 'https://www.postman.com/acme/ws-1/collection/c-inline',
        resourceType: 'collection',
        resourceId: 'c-inline',
        workspaceId: 'ws-1',
        jsonPath: leaky.paths[i],
        publishedAt: expect.any(String), // the event's time: the collection's first public appearance
      });
    }
    expect(h.api.requests.filter((r) => r.path.includes('c-inline'))).toHaveLength(0);
  });

  it('fetches content that is not inline from the Postman API with the API key', async () => {
    const leaky = leakyCollection('c-fetch');
    h.api.route('GET /collections/c-fetch', { body: leaky.collection });
    expect((await send(event({ type: 'collection', id: 'c-fetch' }))).status).toBe(202);
    const exposures = await h.exposuresOf(leaky.keys.map(sha256));
    expect(new Set(exposures.map((m) => locationOf(m).jsonPath))).toEqual(new Set(leaky.paths));
    const call = h.api.requests.find((r) => r.path === '/collections/c-fetch')!;
    expect(call.headers['x-api-key']).toBe('test-api-key-for-the-fixture');
  });

  it('scans a workspace with its collections, environments and globals', async () => {
    const [envKey, globalKey, docKey] = [h.plantKey(), h.plantKey(), h.plantKey()];
    h.api.route('GET /workspaces/ws-9', {
      body: {
        workspace: {
          id: 'ws-9',
          name: 'Public APIs',
          type: 'team',
          visibility: 'public',
          description: `docs: ${docKey}`,
          collections: [{ id: 'gone', uid: '1-gone' }],
          environments: [{ id: 'e1', uid: '1-e1' }],
        },
      },
    });
    h.api.route('GET /environments/1-e1', {
      body: {
        environment: {
          id: 'e1',
          name: 'prod',
          values: [
            { key: 'url', value: 'https://x', enabled: true },
            { key: 'POSTMAN_API_KEY', value: envKey, enabled: true, type: 'secret' },
          ],
        },
      },
    });
    h.api.route('GET /workspaces/ws-9/global-variables', { body: { values: [{ key: 'token', value: globalKey, type: 'default', enabled: true }] } });
    expect((await send(event({ type: 'workspace', id: 'ws-9', workspaceId: 'ws-9', url: undefined }))).status).toBe(202);
    const exposures = await h.exposuresOf([envKey, globalKey, docKey].map(sha256));
    const where = (key: string) => locationOf(exposures.find((m) => payloadOf(m).tokenHash === sha256(key))!);
    expect(where(envKey)).toMatchObject({ kind: 'environment', resourceId: '1-e1', jsonPath: '$.environment.values[1].value', workspaceId: 'ws-9' });
    expect(where(globalKey)).toMatchObject({ kind: 'globals', resourceId: 'ws-9', jsonPath: '$.values[0].value' });
    expect(where(docKey)).toMatchObject({ kind: 'workspace', jsonPath: '$.workspace.description', url: 'https://www.postman.com/workspace/ws-9' });
  });

  it('fetches APIs, documentation and environments from their own endpoints', async () => {
    const [apiKey, docKey, envKey] = [h.plantKey(), h.plantKey(), h.plantKey()];
    h.api.route('GET /apis/api-1', {
      body: { api: { id: 'api-1', name: 'Payments', description: `Authenticate with ${apiKey}`, schemas: [{ id: 's1', type: 'openapi:3' }] } },
    });
    h.api.route('GET /collections/doc-1', {
      body: { collection: { info: { name: 'Docs', description: `## Auth\n\nSend \`X-Api-Key: ${docKey}\`` }, item: [] } },
    });
    h.api.route('GET /environments/env-1', { body: { environment: { id: 'env-1', values: [{ key: 'apiKey', value: envKey, enabled: true }] } } });
    for (const [type, id] of [
      ['api', 'api-1'],
      ['documentation', 'doc-1'],
      ['environment', 'env-1'],
    ]) {
      expect((await send(event({ type, id }))).status).toBe(202);
    }
    const exposures = await h.exposuresOf([apiKey, docKey, envKey].map(sha256));
    const where = (key: string) => locationOf(exposures.find((m) => payloadOf(m).tokenHash === sha256(key))!);
    expect(where(apiKey)).toMatchObject({ kind: 'api', resourceId: 'api-1', jsonPath: '$.api.description' });
    expect(where(docKey)).toMatchObject({ kind: 'documentation', resourceId: 'doc-1', jsonPath: '$.collection.info.description' });
    expect(where(envKey)).toMatchObject({ kind: 'environment', resourceId: 'env-1', jsonPath: '$.environment.values[0].value' });
  });

  it('detects a secret used as an object key and keeps it out of every JSON path (issue 10, item 5)', async () => {
    const [asKey, below, fetchedKey] = [h.plantKey(), h.plantKey(), h.plantKey()];
    const doc = (key: string, nested?: string) => ({
      collection: {
        info: { name: 'keys as keys' },
        item: [{ name: 'r', request: { header: [] } }],
        variable: [],
        [key]: nested ? { note: `use ${nested}` } : 'ok',
      },
    });
    expect((await send(event({ type: 'collection', id: 'c-objkey' }, doc(asKey, below)))).status).toBe(202);
    h.api.route('GET /collections/c-objkey-fetched', { body: doc(fetchedKey) });
    expect((await send(event({ type: 'collection', id: 'c-objkey-fetched' }))).status).toBe(202);
    const exposures = await h.exposuresOf([asKey, below, fetchedKey].map(sha256));
    const where = (key: string) => locationOf(exposures.find((m) => payloadOf(m).tokenHash === sha256(key))!);
    expect(where(asKey)).toMatchObject({ resourceId: 'c-objkey', jsonPath: "$.collection['<redacted:3>']" });
    expect(where(below)).toMatchObject({ jsonPath: "$.collection['<redacted:3>'].note" });
    expect(where(fetchedKey)).toMatchObject({ resourceId: 'c-objkey-fetched', jsonPath: "$.collection['<redacted:3>']" });
    // "never lets a raw token reach Kafka or a log line" below covers these planted keys too.
  });

  it('acknowledges duplicates, ignores non-public resources, rejects bad signatures, stale timestamps and unknown resource types', async () => {
    const e = event({ type: 'environment', id: 'e-dup' }, { environment: { values: [] } });
    expect((await send(e)).status).toBe(202);
    expect(await send(e)).toEqual({ status: 200, body: { status: 'duplicate', deliveryId: e.id } });
    expect(await send(event({ type: 'collection', id: 'c2', visibility: 'team' }))).toMatchObject({
      status: 202,
      body: { status: 'ignored', reason: 'not_public' },
    });
    expect(await send(event({ type: 'collection', id: 'c3' }), { signature: null })).toMatchObject({ status: 401, body: { error: 'missing_signature' } });
    expect(await send(event({ type: 'collection', id: 'c3' }), { secret: 'another-secret-entirely' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_signature' },
    });
    const old = String(Math.floor(Date.now() / 1000) - 301);
    expect(await send(event({ type: 'collection', id: 'c3' }), { timestamp: old })).toMatchObject({ status: 401, body: { error: 'stale_timestamp' } });
    expect(await send(event({ type: 'mock', id: 'm1' }))).toMatchObject({ status: 400, body: { error: 'unsupported_resource' } });
  });

  it('never lets a raw token reach Kafka or a log line', async () => {
    const all = [...(await readAll(h.kafka, h.topics.exposures)), ...(await readAll(h.kafka, h.topics.sourceEvents))];
    const everything = all.map((m) => m.value).join('\n') + h.logs.text();
    expect(h.planted.length).toBeGreaterThan(15);
    for (const token of h.planted) expect(everything).not.toContain(token.slice(5));
  });
});
