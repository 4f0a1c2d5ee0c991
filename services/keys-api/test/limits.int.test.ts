/** Issue 10, item 18: every list is paged, and nothing a person or a secret piles up is unbounded. */
import { createFindingRecorder, type ExposureRecord, findingIdFor, hashApiKey, MAX_FINDING_HISTORY, MAX_FINDING_LOCATIONS, newId } from '@keyguard/keys';
import { randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

async function addUser(role: 'member' | 'team_admin' = 'member') {
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const created = await api.call('POST', '/api/v1/users', { body: { email, name: `${role} ${email.slice(0, 10)}`, role } });
  expect(created.status).toBe(201);
  return { id: created.body.user.id as string, key: created.body.key.key as string, keyId: created.body.key.id as string };
}

const location = (n: number): ExposureRecord['location'] => ({
  source: 'github',
  kind: 'commit',
  url: `https://github.com/octo/repo/blob/c${n}/a.json#L1`,
  repository: 'octo/repo',
  commit: `c${n}`,
  path: 'a.json',
  line: 1,
  detectedAt: new Date(Date.now() - 100_000 + n),
});

/** What the policy records for a team key found at these places (with auto-revoke off). */
async function expose(keyId: string, raw: string, places: number[]) {
  const tokenHash = hashApiKey(raw);
  const records = places.map((n) => ({
    tokenHash,
    ruleId: 'postman-api-key',
    redacted: `PMAK-…${raw.slice(-4)}`,
    confidence: 'high' as const,
    location: location(n),
  }));
  await createFindingRecorder(api.store).recordExposures(records, new Map([[tokenHash, { keyId, teamId: 'team_default', revoked: false }]]));
  await api.store.collections.apiKeys.updateOne(
    { _id: keyId },
    { $set: { exposure: { findingId: findingIdFor(tokenHash), detectedAt: records[0]!.location.detectedAt, locations: [records[0]!.location] } } },
  );
  return findingIdFor(tokenHash);
}

describe('paged lists', () => {
  it('GET /exposures is paged with a cursor, and counts every exposed and still-active key', async () => {
    const made: { id: string; key: string }[] = [];
    for (const name of ['exp-a', 'exp-b', 'exp-c']) {
      const r = await api.call('POST', '/api/v1/keys', { body: { name } });
      made.push({ id: r.body.id, key: r.body.key });
      await expose(r.body.id, r.body.key, [made.length]);
    }
    await api.call('POST', `/api/v1/keys/${made[0]!.id}/revoke`);
    const first = await api.call('GET', '/api/v1/exposures?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, active: 2, nextCursor: expect.any(String) });
    expect(first.body.items).toHaveLength(2);
    const second = await api.call('GET', `/api/v1/exposures?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((e: { id: string }) => e.id).sort()).toEqual(made.map((m) => m.id).sort());
    expect((await api.call('GET', '/api/v1/exposures?cursor=bogus')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/exposures?limit=201')).status).toBe(400);
  });

  it('GET /users is paged with a cursor', async () => {
    await addUser();
    await addUser();
    const all = await api.call('GET', '/api/v1/users?limit=200');
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const first = await api.call('GET', '/api/v1/users?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await api.call('GET', `/api/v1/users?limit=200&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...rest.body.items].map((u: { id: string }) => u.id)).toEqual(all.body.items.map((u: { id: string }) => u.id));
    expect(rest.body.nextCursor).toBeNull();
  });
});

describe('caps', () => {
  it('a key keeps at most 10 browser sessions: an 11th ends the oldest', async () => {
    const member = await addUser();
    const cookies: string[] = [];
    for (let i = 0; i < 11; i++) {
      const opened = await api.call('POST', '/api/v1/session', { key: null, body: { apiKey: member.key } });
      cookies.push(opened.headers.get('set-cookie')!.split(';')[0]!);
    }
    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie: cookies[0]! } })).status).toBe(401);
    for (const cookie of cookies.slice(1)) expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(200);
  });

  it('a person holds at most 100 live keys: the next is 409 KEY_LIMIT_REACHED until one is revoked', async () => {
    const member = await addUser();
    const now = new Date();
    await api.store.collections.apiKeys.insertMany(
      Array.from({ length: 99 }, (_, i) => ({
        _id: newId('key'),
        hash: hashApiKey(randomPmak()),
        preview: 'PMAK-…0000',
        name: `filler ${i}`,
        teamId: 'team_default',
        createdBy: member.id,
        createdAt: now,
        expiresAt: null,
        lastUsedAt: null,
        status: 'enabled' as const,
        revokedAt: null,
        revocation: null,
        exposure: null,
      })),
    );
    const refused = await api.call('POST', '/api/v1/keys', { key: member.key, body: { name: 'one too many' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('KEY_LIMIT_REACHED');
    expect(refused.body.message).toContain('100');
    const filler = (await api.store.collections.apiKeys.findOne({ createdBy: member.id, name: 'filler 0' }))!;
    await api.call('POST', `/api/v1/keys/${filler._id}/revoke`);
    expect((await api.call('POST', '/api/v1/keys', { key: member.key, body: { name: 'room again' } })).status).toBe(201);
  });

  it('a finding keeps its latest 100 locations and 100 history entries, and counts every place', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'found everywhere' } });
    const places = Array.from({ length: 150 }, (_, i) => i + 1);
    const findingId = await expose(created.body.id, created.body.key, places.slice(0, 60));
    await expose(created.body.id, created.body.key, places.slice(60, 100));
    await expose(created.body.id, created.body.key, places.slice(100));
    await expose(created.body.id, created.body.key, places.slice(140)); // seen again: nothing new
    const finding = await api.call('GET', `/api/v1/findings/${findingId}`);
    expect(finding.status).toBe(200);
    expect(finding.body.locationCount).toBe(150);
    expect(finding.body.locations).toHaveLength(MAX_FINDING_LOCATIONS);
    expect(finding.body.locations.at(-1).commit).toBe('c150');
    expect(finding.body.locations[0].commit).toBe('c51');
    expect(finding.body.history).toHaveLength(MAX_FINDING_HISTORY);

    // Resolving and reopening keeps the history at its cap.
    await api.call('PATCH', `/api/v1/findings/${findingId}`, { body: { status: 'resolved', resolution: 'wont_fix' } });
    await api.call('PATCH', `/api/v1/findings/${findingId}`, { body: { status: 'open' } });
    const after = await api.call('GET', `/api/v1/findings/${findingId}`);
    expect(after.body.history).toHaveLength(MAX_FINDING_HISTORY);
    expect(after.body.history.at(-1).action).toBe('reopened');
  });
});
