import { readAll } from '@keyguard/testkit/bus';
import { hashApiKey } from '@keyguard/keys';
import { randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Api, startApi } from './support.js';

const PMAK = /^PMAK-[0-9a-f]{24}-[0-9a-f]{34}$/;
let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

async function addUser(role: 'member' | 'team_admin' = 'member', by = api.adminKey) {
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const created = await api.call('POST', '/api/v1/users', { key: by, body: { email, name: `${role} ${email.slice(0, 12)}`, role } });
  expect(created.status).toBe(201);
  return { id: created.body.user.id as string, email, key: created.body.key.key as string, keyId: created.body.key.id as string };
}

describe('authentication', () => {
  it('accepts the bootstrap key as Bearer or X-Api-Key and knows its super admin', async () => {
    const me = await api.call('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'super_admin', team: { id: 'team_default' }, authenticatedBy: 'api_key' });
    const viaHeader = await api.call('GET', '/api/v1/me', { key: null, headers: { 'x-api-key': api.adminKey } });
    expect(viaHeader.status).toBe(200);
  });

  it('refuses a missing or unknown key with 401', async () => {
    expect((await api.call('GET', '/api/v1/me', { key: null })).status).toBe(401);
    const unknown = await api.call('GET', '/api/v1/me', { key: randomPmak() });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('unauthorized');
  });

  it('refuses disabled, revoked and expired keys; records lastUsedAt on each successful use', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'short lived' } });
    const key = created.body.key as string;
    const before = await api.call('GET', `/api/v1/keys/${created.body.id}`);
    expect(before.body.lastUsedAt).toBeNull();
    expect((await api.call('GET', '/api/v1/me', { key })).status).toBe(200);
    // Stamped after the answer (the request does not wait for it), so within moments.
    await vi.waitFor(async () => expect((await api.call('GET', `/api/v1/keys/${created.body.id}`)).body.lastUsedAt).not.toBeNull(), { timeout: 5000 });

    expect((await api.call('POST', `/api/v1/keys/${created.body.id}/disable`)).body.status).toBe('disabled');
    expect((await api.call('GET', '/api/v1/me', { key })).status).toBe(401);
    expect((await api.call('POST', `/api/v1/keys/${created.body.id}/enable`)).body.status).toBe('enabled');
    expect((await api.call('GET', '/api/v1/me', { key })).status).toBe(200);

    await api.store.collections.apiKeys.updateOne({ _id: created.body.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api.call('GET', '/api/v1/me', { key })).status).toBe(401);
    await api.store.collections.apiKeys.updateOne({ _id: created.body.id }, { $set: { expiresAt: null } });

    const revoked = await api.call('POST', `/api/v1/keys/${created.body.id}/revoke`);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocation: { reason: 'admin', actor: { type: 'user' } } });
    expect((await api.call('GET', '/api/v1/me', { key })).status).toBe(401);
    const enableRevoked = await api.call('POST', `/api/v1/keys/${created.body.id}/enable`);
    expect(enableRevoked.status).toBe(409);
  });
});

describe('users and RBAC', () => {
  it('admins add members who get their first key once; members are refused team-wide views with 403', async () => {
    const member = await addUser('member');
    expect(member.key).toMatch(PMAK);
    const me = await api.call('GET', '/api/v1/me', { key: member.key });
    expect(me.body).toMatchObject({ role: 'member', email: member.email });
    for (const path of ['/api/v1/exposures', '/api/v1/findings', '/api/v1/settings', '/api/v1/audit', '/api/v1/users']) {
      const denied = await api.call('GET', path, { key: member.key });
      expect(denied.status, path).toBe(403);
    }
    expect((await api.call('PATCH', '/api/v1/settings', { key: member.key, body: { autoRevokeExposed: true } })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/keys/revoke-all', { key: member.key, body: { confirm: true } })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/users', { key: member.key, body: { email: 'x@example.test', name: 'x', role: 'member' } })).status).toBe(403);
    const users = await api.call('GET', '/api/v1/users');
    expect(users.body.items.map((u: { id: string }) => u.id)).toContain(member.id);
  });

  it('a team admin cannot make a super admin; a taken email is a 409', async () => {
    const admin = await addUser('team_admin');
    const denied = await api.call('POST', '/api/v1/users', { key: admin.key, body: { email: 'boss@example.test', name: 'Boss', role: 'super_admin' } });
    expect(denied.status).toBe(403);
    const dup = await api.call('POST', '/api/v1/users', { body: { email: admin.email, name: 'again', role: 'member' } });
    expect(dup.status).toBe(409);
  });

  it('members see and manage only their own keys', async () => {
    const alice = await addUser();
    const bob = await addUser();
    const list = await api.call('GET', '/api/v1/keys', { key: alice.key });
    expect(list.body.items.map((k: { id: string }) => k.id)).toEqual([alice.keyId]);
    expect((await api.call('GET', `/api/v1/keys/${bob.keyId}`, { key: alice.key })).status).toBe(404);
    expect((await api.call('POST', `/api/v1/keys/${bob.keyId}/revoke`, { key: alice.key })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/keys?createdBy=${bob.id}`, { key: alice.key })).status).toBe(403);
    const bulk = await api.call('POST', '/api/v1/keys/revoke', { key: alice.key, body: { ids: [bob.keyId] } });
    expect(bulk.body).toEqual({ revoked: 0 });
    expect((await api.call('GET', '/api/v1/me', { key: bob.key })).status).toBe(200);
    const own = await api.call('POST', `/api/v1/keys/${alice.keyId}/disable`, { key: alice.key });
    expect(own.body.status).toBe('disabled');
  });

  it('a member cannot generate keys when the team disallows it (403); admins still can', async () => {
    const member = await addUser();
    expect((await api.call('POST', '/api/v1/keys', { key: member.key, body: { name: 'mine' } })).status).toBe(201);
    expect((await api.call('PATCH', '/api/v1/settings', { body: { allowMemberKeyGeneration: false } })).status).toBe(200);
    try {
      const denied = await api.call('POST', '/api/v1/keys', { key: member.key, body: { name: 'mine 2' } });
      expect(denied.status).toBe(403);
      expect((await api.call('POST', '/api/v1/keys', { body: { name: 'admin key' } })).status).toBe(201);
    } finally {
      await api.call('PATCH', '/api/v1/settings', { body: { allowMemberKeyGeneration: true } });
    }
  });
});

describe('keys', () => {
  it('issues Postman-format keys shown once and stored only as SHA-256 + preview', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'ci', expiresAt } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(PMAK);
    expect(created.body).toMatchObject({
      name: 'ci',
      status: 'enabled',
      preview: `PMAK-…${created.body.key.slice(-4)}`,
      expiresAt,
      revocation: null,
      exposure: null,
    });
    expect(created.body.createdBy).toMatchObject({ name: expect.any(String), email: expect.any(String) });
    const fetched = await api.call('GET', `/api/v1/keys/${created.body.id}`);
    expect(fetched.body.key).toBeUndefined();
    const stored = await api.store.db.collection('apiKeys').findOne({ _id: created.body.id } as never);
    expect(JSON.stringify(stored)).not.toContain(created.body.key);
    expect(stored?.hash).toBe(hashApiKey(created.body.key));
  });

  it('filters by status and creator, searches by the full key value, sorts and pages', async () => {
    const owner = await addUser();
    const names = ['k-one', 'k-two', 'k-three'];
    const made: { id: string; key: string }[] = [];
    for (const name of names) {
      const r = await api.call('POST', '/api/v1/keys', { key: owner.key, body: { name } });
      made.push({ id: r.body.id, key: r.body.key });
      await new Promise((r) => setTimeout(r, 5));
    }
    await api.call('POST', `/api/v1/keys/${made[1]!.id}/disable`);
    await api.call('POST', `/api/v1/keys/${made[2]!.id}/revoke`);

    const byCreator = await api.call('GET', `/api/v1/keys?createdBy=${owner.id}&sort=oldest`);
    expect(byCreator.body.items.map((k: { name: string }) => k.name)).toEqual([`${byCreator.body.items[0].name}`, ...names]);
    expect(byCreator.body.total).toBe(4);
    const newest = await api.call('GET', `/api/v1/keys?createdBy=${owner.id}&sort=newest`);
    expect(newest.body.items[0].name).toBe('k-three');

    const disabledOrRevoked = await api.call('GET', `/api/v1/keys?createdBy=${owner.id}&status=disabled,revoked`);
    expect(disabledOrRevoked.body.items.map((k: { name: string }) => k.name).sort()).toEqual(['k-three', 'k-two']);

    const byHash = await api.call('GET', `/api/v1/keys?keyHash=${hashApiKey(made[0]!.key)}`);
    expect(byHash.body.items.map((k: { id: string }) => k.id)).toEqual([made[0]!.id]);
    expect((await api.call('GET', `/api/v1/keys?keyHash=${hashApiKey(randomPmak())}`)).body.items).toEqual([]);
    expect((await api.call('GET', '/api/v1/keys?keyHash=not-a-hash')).status).toBe(400);

    // Use k-one, then the member's first key: recently used puts the last used first, never-used last.
    await api.call('GET', '/api/v1/me', { key: made[0]!.key });
    await new Promise((r) => setTimeout(r, 5));
    await api.call('GET', '/api/v1/me', { key: owner.key });
    const recent = await api.call('GET', `/api/v1/keys?createdBy=${owner.id}&sort=recently_used`);
    expect(recent.body.items.slice(0, 2).map((k: { id: string }) => k.id)).toEqual([owner.keyId, made[0]!.id]);
    expect(recent.body.items.at(-1).lastUsedAt).toBeNull();

    const first = await api.call('GET', `/api/v1/keys?createdBy=${owner.id}&limit=3`);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.call('GET', `/api/v1/keys?createdBy=${owner.id}&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect((await api.call('GET', '/api/v1/keys?status=bogus')).status).toBe(400);
  });

  it('revoking publishes key.revoked and writes the audit log', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'to revoke' } });
    await api.call('POST', `/api/v1/keys/${created.body.id}/revoke`);
    await api.call('POST', `/api/v1/keys/${created.body.id}/revoke`); // idempotent: no second event
    const events = (await readAll(api.kafka, api.keyEvents)).map((m) => m.json as { type: string; payload: { keyId: string; reason: string } });
    const mine = events.filter((e) => e.payload.keyId === created.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ type: 'key.revoked', payload: { reason: 'admin' } });
    expect(JSON.stringify(events)).not.toContain(created.body.key);
    const audit = await api.call('GET', '/api/v1/audit?action=key.revoked');
    expect(audit.body.items.some((a: { target: { id: string } }) => a.target.id === created.body.id)).toBe(true);
  });

  it('bulk revoke and revoke-all (confirm required; the caller keeps access)', async () => {
    const a = await api.call('POST', '/api/v1/keys', { body: { name: 'bulk a' } });
    const b = await api.call('POST', '/api/v1/keys', { body: { name: 'bulk b' } });
    const bulk = await api.call('POST', '/api/v1/keys/revoke', { body: { ids: [a.body.id, b.body.id, a.body.id] } });
    expect(bulk.body).toEqual({ revoked: 2 });
    expect((await api.call('GET', '/api/v1/me', { key: a.body.key })).status).toBe(401);

    const member = await addUser();
    expect((await api.call('POST', '/api/v1/keys/revoke-all', { body: {} })).status).toBe(400);
    expect((await api.call('GET', '/api/v1/me', { key: member.key })).status).toBe(200);
    const all = await api.call('POST', '/api/v1/keys/revoke-all', { body: { confirm: true } });
    expect(all.status).toBe(200);
    expect(all.body.revoked).toBeGreaterThan(0);
    expect(all.body.owners).toBeGreaterThan(1);
    expect((await api.call('GET', '/api/v1/me', { key: member.key })).status).toBe(401);
    expect((await api.call('GET', '/api/v1/me')).status).toBe(200);
    const left = await api.call('GET', '/api/v1/keys?status=enabled,disabled');
    expect(left.body.items.map((k: { name: string }) => k.name)).toEqual(['Bootstrap admin key']);
  });
});
