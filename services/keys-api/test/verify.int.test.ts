import { createPublisher } from '@keyguard/bus';
import { createKeyStatePublisher, hashApiKey, initialState, isServiceTokenFormat, issueApiKey, newId } from '@keyguard/keys';
import { eventually, randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceTokenRepository } from '@keyguard/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createVerifyCallers } from '../src/http/verify-callers.js';
import { type Api, logger, startApi } from './support.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

async function serviceToken(name = 'payments-api', scopes = ['keys:verify']) {
  const created = await api.call('POST', '/api/v1/service-tokens', { body: { name, scopes } });
  expect(created.status).toBe(201);
  return created.body as { id: string; token: string; preview: string };
}
const verify = (caller: string | null, body: unknown, headers: Record<string, string> = {}) =>
  api.call('POST', '/api/v1/keys/verify', { key: caller, body, headers });

describe('service tokens', () => {
  it('an admin creates one (shown once, kgst_ format), lists it by preview and deletes it; each step is audited', async () => {
    const created = await serviceToken('checkout service');
    expect(isServiceTokenFormat(created.token)).toBe(true);
    expect(created).toMatchObject({ name: 'checkout service', scopes: ['keys:verify'], preview: `kgst_…${created.token.slice(-4)}`, lastUsedAt: null });

    const listed = await api.call('GET', '/api/v1/service-tokens');
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((t: { id: string }) => t.id === created.id);
    expect(mine).toMatchObject({ name: 'checkout service', preview: created.preview, createdBy: { email: 'admin@keyguard.local' } });
    expect(JSON.stringify(listed.body)).not.toContain(created.token);
    const stored = await api.store.collections.serviceTokens.findOne({ _id: created.id });
    expect(stored?.hash).toBe(hashApiKey(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);

    expect((await verify(created.token, { key: randomPmak() })).status).toBe(200);
    expect((await api.call('DELETE', `/api/v1/service-tokens/${created.id}`)).status).toBe(204);
    // Gone at once: this process forgets it.
    expect((await verify(created.token, { key: randomPmak() })).status).toBe(401);
    expect((await api.call('DELETE', `/api/v1/service-tokens/${created.id}`)).status).toBe(404);
    const audit = await api.call('GET', '/api/v1/audit');
    const actions = audit.body.items.filter((a: { target: { id: string } }) => a.target.id === created.id).map((a: { action: string }) => a.action);
    expect(actions.sort()).toEqual(['service_token.created', 'service_token.deleted']);
  });

  it('is admin-only and refuses a bad request with the reason', async () => {
    const member = await api.call('POST', '/api/v1/users', { body: { email: `m-${Date.now()}@example.test`, name: 'Member', role: 'member' } });
    const memberKey = member.body.key.key as string;
    expect((await api.call('POST', '/api/v1/service-tokens', { key: memberKey, body: { name: 'x', scopes: ['keys:verify'] } })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/service-tokens', { key: memberKey })).status).toBe(403);
    const noScope = await api.call('POST', '/api/v1/service-tokens', { body: { name: 'x', scopes: [] } });
    expect(noScope).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(noScope.body.message).toContain('scopes');
    expect((await api.call('POST', '/api/v1/service-tokens', { body: { name: 'x', scopes: ['keys:delete'] } })).status).toBe(400);
  });
});

describe('POST /keys/verify', () => {
  it('answers each state of a key of the team, with its owner, and never the key itself', async () => {
    const { token } = await serviceToken();
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'customer key' } });
    const key = created.body.key as string;
    const me = await api.call('GET', '/api/v1/me');

    const valid = await verify(token, { key });
    expect(valid).toMatchObject({
      status: 200,
      body: {
        valid: true,
        code: 'VALID',
        keyId: created.body.id,
        teamId: 'team_default',
        owner: { id: me.body.id, email: me.body.email },
        expiresAt: null,
        exposed: false,
      },
    });
    expect(JSON.stringify(valid.body)).not.toContain(key);

    // What this keys-api just changed, it answers at once.
    await api.call('POST', `/api/v1/keys/${created.body.id}/disable`);
    expect((await verify(token, { key })).body).toMatchObject({ valid: false, code: 'DISABLED' });
    await api.call('POST', `/api/v1/keys/${created.body.id}/enable`);
    expect((await verify(token, { key })).body).toMatchObject({ valid: true, code: 'VALID' });
    await api.call('POST', `/api/v1/keys/${created.body.id}/revoke`);
    expect((await verify(token, { key })).body).toMatchObject({ valid: false, code: 'REVOKED', keyId: created.body.id });

    const expiring = await api.call('POST', '/api/v1/keys', { body: { name: 'short', expiresAt: new Date(Date.now() + 1500).toISOString() } });
    expect((await verify(token, { key: expiring.body.key })).body.code).toBe('VALID');
    await eventually(async () => (await verify(token, { key: expiring.body.key })).body.code === 'EXPIRED', { what: 'the expiry to pass' });

    expect((await verify(token, { key: randomPmak() })).body).toEqual({ valid: false, code: 'NOT_FOUND', exposed: false });
  });

  it("finds only the caller's team's keys", async () => {
    const { token } = await serviceToken();
    // Another team, its admin and a key of theirs on the same key-state table.
    const now = new Date();
    await api.store.collections.teams.insertOne({
      _id: 'team_other',
      name: 'Other',
      settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false },
      createdAt: now,
      updatedAt: now,
    });
    await api.store.collections.users.insertOne({
      _id: 'usr_other',
      teamId: 'team_other',
      email: 'other@example.test',
      name: 'Other Admin',
      role: 'team_admin',
      createdAt: now,
    });
    const doc = (material: ReturnType<typeof issueApiKey>) => ({
      _id: newId('key'),
      hash: material.hash,
      preview: material.preview,
      name: 'theirs',
      teamId: 'team_other',
      createdBy: 'usr_other',
      createdAt: now,
      expiresAt: null,
      lastUsedAt: null,
      status: 'enabled' as const,
      revokedAt: null,
      revocation: null,
      exposure: null,
      ...initialState(),
    });
    const [theirs, theirAdmin] = [issueApiKey(), issueApiKey()];
    await api.store.collections.apiKeys.insertMany([doc(theirs), doc(theirAdmin)]);
    const publisher = createPublisher(api.kafka, { logger });
    await createKeyStatePublisher({ store: api.store, publisher, logger, topic: api.keyState }).publishIds([
      (await api.store.collections.apiKeys.findOne({ hash: theirs.hash }))!._id,
    ]);
    await publisher.disconnect();
    // Their admin sees it once the record has reached keys-api's table…
    await eventually(async () => (await verify(theirAdmin.raw, { key: theirs.raw })).body.code === 'VALID', { what: "the other team's key at keys-api" });
    // …and we do not.
    expect((await verify(token, { key: theirs.raw })).body).toEqual({ valid: false, code: 'NOT_FOUND', exposed: false });
  });

  it('takes an admin key as the caller, refuses members, sessions and nobody with 401', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'checked by an admin' } });
    expect((await verify(api.adminKey, { key: created.body.key })).body.code).toBe('VALID');
    expect((await verify(null, { key: created.body.key }, { 'x-api-key': api.adminKey })).status).toBe(200);
    const member = await api.call('POST', '/api/v1/users', { body: { email: `v-${Date.now()}@example.test`, name: 'Member', role: 'member' } });
    expect((await verify(member.body.key.key, { key: created.body.key })).status).toBe(401);
    expect((await verify(null, { key: created.body.key })).status).toBe(401);
    const session = await api.call('POST', '/api/v1/session', { key: null, body: { apiKey: api.adminKey } });
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    expect((await verify(null, { key: created.body.key }, { cookie, 'x-requested-with': 'keyguard' })).status).toBe(401);
    // A scope-less credential shape that is not ours is no caller either.
    expect((await verify(`kgst_${'a'.repeat(36)}`, { key: created.body.key })).status).toBe(401);
  });

  it('refuses malformed, empty and huge requests with 400/413 and a reason, never a 5xx, never echoing the key', async () => {
    const { token } = await serviceToken();
    const raw = (body: string, contentType = 'application/json') =>
      fetch(`${api.base}/api/v1/keys/verify`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body }).then(
        async (r) => ({ status: r.status, body: await r.text() }),
      );
    const cases: [string, string, number, string][] = [
      ['no body at all', '', 400, 'empty'],
      ['an empty object', '{}', 400, 'key'],
      ['an empty key', '{"key":""}', 400, 'must not be empty'],
      ['a key that is not a string', '{"key":42}', 400, 'key'],
      ['a key of another shape', '{"key":"sk_live_notakeyguardkey"}', 400, 'PMAK'],
      ['not JSON', '{"key":', 400, ''],
      ['a huge body', JSON.stringify({ key: `PMAK-${'a'.repeat(100_000)}` }), 413, ''],
    ];
    for (const [what, body, status, reason] of cases) {
      const answer = await raw(body);
      expect(answer.status, what).toBe(status);
      expect(answer.body, what).toContain(reason);
      expect(JSON.parse(answer.body).error, what).toBeTruthy();
      expect(answer.body).not.toContain('sk_live_notakeyguardkey');
    }
    expect((await raw('key=PMAK-x', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('reports verifications as uses: the key’s lastUsedAt moves', async () => {
    const { token } = await serviceToken();
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'used via the HTTP API' } });
    expect((await verify(token, { key: created.body.key })).body.code).toBe('VALID');
    await eventually(async () => (await api.call('GET', `/api/v1/keys/${created.body.id}`)).body.lastUsedAt !== null, { what: 'lastUsedAt' });
  });

  it('throttles a caller that keeps failing (429 with Retry-After), not the good callers beside it', async () => {
    const { token } = await serviceToken('steady caller');
    expect((await verify(token, { key: randomPmak() })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await verify(`kgst_${'b'.repeat(35)}${i % 10}`, { key: randomPmak() })).status);
    // Its address already had failures from the tests above: throttled within 20 more, for good.
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThan(0);
    expect(statuses.slice(0, first).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
    const throttled = await verify(`kgst_${'c'.repeat(36)}`, { key: randomPmak() });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // The good caller on the same address is still answered.
    expect((await verify(token, { key: randomPmak() })).status).toBe(200);
    // …and its own malformed calls count against it alone.
    for (let i = 0; i < 20; i++) expect((await verify(token, { key: 'nope' })).status).toBe(400);
    expect((await verify(token, { key: randomPmak() })).status).toBe(429);
  });
});

describe('verify callers (the credential cache of POST /keys/verify)', () => {
  it('looks a credential up once however many calls arrive together, and again in the background before its answer expires', async () => {
    const { token, id } = await serviceToken('burst');
    const real = createServiceTokenRepository(api.store);
    let lookups = 0;
    const tokens = {
      ...real,
      findByHash: (hash: string) => {
        lookups += 1;
        return real.findByHash(hash);
      },
    };
    const callers = createVerifyCallers(api.store, tokens, { cacheMs: 400 });
    const admit = () =>
      new Promise<string | undefined>((resolve, reject) => {
        const request = { headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1', log: logger, verifyCaller: null } as unknown as FastifyRequest;
        callers.admit(request, { header: () => undefined } as unknown as FastifyReply, (err) => (err ? reject(err) : resolve(request.verifyCaller?.id)));
      });

    expect(await Promise.all(Array.from({ length: 50 }, admit))).toEqual(Array(50).fill(id));
    expect(lookups).toBe(1);
    // Past half its life, a call is still answered from the cache and starts one refresh.
    await new Promise((r) => setTimeout(r, 250));
    expect(await Promise.all(Array.from({ length: 20 }, admit))).toEqual(Array(20).fill(id));
    expect(lookups).toBe(2);
    // Deleted: gone once the refreshed answer expires, however busy the caller.
    expect((await api.call('DELETE', `/api/v1/service-tokens/${id}`)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 450));
    await expect(admit()).rejects.toMatchObject({ statusCode: 401 });
  });
});
