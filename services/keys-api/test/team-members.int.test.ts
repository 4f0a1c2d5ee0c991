import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

async function addUser(role: 'member' | 'team_admin' | 'super_admin' = 'member') {
  const email = `p-${randomBytes(4).toString('hex')}@example.com`;
  const created = await api.call('POST', '/api/v1/users', { body: { email, name: 'Someone', role } });
  expect(created.status).toBe(201);
  return { id: created.body.user.id as string, key: created.body.key.key as string, keyId: created.body.key.id as string };
}

describe('PATCH /users/:id (Team Settings → Members)', () => {
  it('an admin changes a role, deactivates (keys revoked as deprovisioned, sign-in refused) and reactivates; each step is audited', async () => {
    const person = await addUser();
    const promoted = await api.call('PATCH', `/api/v1/users/${person.id}`, { body: { role: 'team_admin' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'team_admin', active: true, provisioned: false });

    const off = await api.call('PATCH', `/api/v1/users/${person.id}`, { body: { active: false } });
    expect(off.body.active).toBe(false);
    expect((await api.call('GET', '/api/v1/me', { key: person.key })).status).toBe(401);
    expect((await api.call('GET', `/api/v1/keys/${person.keyId}`)).body).toMatchObject({
      status: 'revoked',
      revocation: { reason: 'deprovisioned', actor: { type: 'user' } },
    });

    const on = await api.call('PATCH', `/api/v1/users/${person.id}`, { body: { active: true } });
    expect(on.body.active).toBe(true);
    const actions = (await api.call('GET', '/api/v1/audit?limit=50')).body.items
      .filter((e: { target: { id: string } }) => e.target.id === person.id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.role_changed', 'user.deactivated', 'user.reactivated']));
  });

  it('refuses changing yourself, a team admin changing a super admin, members, and an empty change', async () => {
    const me = (await api.call('GET', '/api/v1/me')).body;
    expect((await api.call('PATCH', `/api/v1/users/${me.id}`, { body: { active: false } })).status).toBe(403);
    const admin = await addUser('team_admin');
    const boss = await addUser('super_admin');
    const member = await addUser();
    expect((await api.call('PATCH', `/api/v1/users/${boss.id}`, { key: admin.key, body: { active: false } })).status).toBe(403);
    expect((await api.call('PATCH', `/api/v1/users/${member.id}`, { key: admin.key, body: { role: 'super_admin' } })).status).toBe(403);
    expect((await api.call('PATCH', `/api/v1/users/${admin.id}`, { key: member.key, body: { active: false } })).status).toBe(403);
    expect((await api.call('PATCH', `/api/v1/users/${member.id}`, { body: {} })).status).toBe(400);
    expect((await api.call('PATCH', '/api/v1/users/usr_nobody', { body: { active: false } })).status).toBe(404);
  });
});

describe('GET /audit filters (the Audit log page)', () => {
  it('by actor, by action or action kind, and by date range', async () => {
    const person = await addUser();
    const since = new Date().toISOString();
    await api.call('PATCH', `/api/v1/users/${person.id}`, { body: { role: 'team_admin' } });
    const me = (await api.call('GET', '/api/v1/me')).body;
    const byMe = await api.call('GET', `/api/v1/audit?actor=${me.id}&action=user.&from=${encodeURIComponent(since)}`);
    expect(byMe.status).toBe(200);
    expect(byMe.body.items.map((e: { action: string }) => e.action)).toEqual(['user.role_changed']);
    expect((await api.call('GET', `/api/v1/audit?actor=usr_nobody`)).body.items).toEqual([]);
    expect(
      (await api.call('GET', `/api/v1/audit?to=${encodeURIComponent(since)}&action=user.role_changed`)).body.items.every((e: { at: string }) => e.at < since),
    ).toBe(true);
    expect((await api.call('GET', '/api/v1/audit?from=yesterday')).status).toBe(400);
  });
});

describe('POST /keys with ownerId (an admin hands someone their first key)', () => {
  it('issues the key to that person (shown once, to the admin); members cannot; a deactivated person gets none', async () => {
    const person = await addUser();
    const issued = await api.call('POST', '/api/v1/keys', { body: { name: 'For Someone', ownerId: person.id } });
    expect(issued.status).toBe(201);
    expect(issued.body.createdBy.id).toBe(person.id);
    expect((await api.call('GET', '/api/v1/me', { key: issued.body.key })).body.id).toBe(person.id);
    const other = await addUser();
    expect((await api.call('POST', '/api/v1/keys', { key: person.key, body: { name: 'x', ownerId: other.id } })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/keys', { body: { name: 'x', ownerId: 'usr_nobody' } })).status).toBe(404);
    await api.call('PATCH', `/api/v1/users/${other.id}`, { body: { active: false } });
    expect((await api.call('POST', '/api/v1/keys', { body: { name: 'x', ownerId: other.id } })).status).toBe(409);
  });
});
