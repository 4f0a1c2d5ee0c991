import { randomBytes } from 'node:crypto';
import { hashApiKey, isScimTokenFormat } from '@keyguard/keys';
import { readAll } from '@keyguard/testkit/bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, type Call, startApi } from './support.js';

/**
 * SCIM 2.0 as the big identity providers' validators drive it: the request sequences of Okta's
 * SCIM 2.0 test suite (userName filters, create, get, duplicate, replace, `{"op":"replace",
 * "value":{"active":false}}`) and of Microsoft Entra ID's SCIM validator (externalId filters,
 * `{"op":"Replace","path":"active","value":"False"}`, filtered email paths, group membership by
 * PATCH add / `members[value eq "…"]` remove, excludedAttributes=members).
 */
let api: Api;
let scim: { id: string; token: string };
beforeAll(async () => {
  api = await startApi();
  const created = await api.call('POST', '/api/v1/scim-tokens', { body: { name: 'Okta' } });
  expect(created.status).toBe(201);
  scim = created.body;
});
afterAll(async () => {
  await api?.stop();
});

const unique = () => randomBytes(4).toString('hex');
const User = 'urn:ietf:params:scim:schemas:core:2.0:User';
const Group = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PatchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ErrorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM call as identity providers make it: bearer SCIM API key, application/scim+json. */
function scimCall(method: string, path: string, body?: unknown, token: string | null = scim.token): Promise<Call> {
  return api.call(method, `/scim/v2${path}`, { key: token, body, ...(body !== undefined ? { headers: { 'content-type': 'application/scim+json' } } : {}) });
}
const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

function expectScimError(call: Call, status: number, scimType?: string) {
  expect(call.status).toBe(status);
  expect(call.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(call.body).toMatchObject({ schemas: [ErrorSchema], status: String(status), ...(scimType ? { scimType } : {}) });
  expect(typeof call.body.detail).toBe('string');
}

/** A person added in Keyguard (with their first key), as exists before the identity provider is connected. */
async function existingMember() {
  const email = `member-${unique()}@example.com`;
  const created = await api.call('POST', '/api/v1/users', { body: { email, name: 'Existing Member' } });
  expect(created.status).toBe(201);
  return { email, userId: created.body.user.id as string, keyId: created.body.key.id as string, key: created.body.key.key as string };
}

describe('SCIM API keys', () => {
  it('an admin creates one (shown once, kgscim_ format, stored as a hash), lists it and revokes it; each step is audited', async () => {
    const created = await api.call('POST', '/api/v1/scim-tokens', { body: { name: 'Entra ID' } });
    expect(created.status).toBe(201);
    expect(isScimTokenFormat(created.body.token)).toBe(true);
    expect(created.body).toMatchObject({ name: 'Entra ID', preview: `kgscim_…${created.body.token.slice(-4)}`, grantsUpTo: 'super_admin', lastUsedAt: null });
    const stored = await api.store.collections.scimTokens.findOne({ _id: created.body.id });
    expect(stored?.hash).toBe(hashApiKey(created.body.token));
    expect(JSON.stringify(stored)).not.toContain(created.body.token);

    expect((await scimCall('GET', '/Users?count=1', undefined, created.body.token)).status).toBe(200);
    const listed = await api.call('GET', '/api/v1/scim-tokens');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body.items.find((t: { id: string }) => t.id === created.body.id)).toMatchObject({
      name: 'Entra ID',
      createdBy: { email: 'admin@keyguard.local' },
    });

    expect((await api.call('DELETE', `/api/v1/scim-tokens/${created.body.id}`)).status).toBe(204);
    expectScimError(await scimCall('GET', '/Users', undefined, created.body.token), 401);
    expect((await api.call('DELETE', `/api/v1/scim-tokens/${created.body.id}`)).status).toBe(404);
    const audit = await api.call('GET', '/api/v1/audit?limit=50');
    const actions = audit.body.items.filter((e: { target: { id: string } }) => e.target.id === created.body.id).map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['scim_token.created', 'scim_token.deleted']);
  });

  it('members cannot manage them; a bad name is a 400; an API key or no key gets a SCIM 401', async () => {
    const member = await existingMember();
    expect((await api.call('POST', '/api/v1/scim-tokens', { key: member.key, body: { name: 'x' } })).status).toBe(403);
    expect((await api.call('GET', '/api/v1/scim-tokens', { key: member.key })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/scim-tokens', { body: { name: '' } })).status).toBe(400);
    expectScimError(await scimCall('GET', '/Users', undefined, null), 401);
    expectScimError(await scimCall('GET', '/Users', undefined, api.adminKey), 401);
  });
});

describe('SCIM discovery', () => {
  it('ServiceProviderConfig, ResourceTypes and Schemas describe what is supported', async () => {
    const config = await scimCall('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const types = await scimCall('GET', '/ResourceTypes');
    expect(types.body.Resources.map((t: { endpoint: string }) => t.endpoint)).toEqual(['/Users', '/Groups']);
    expect((await scimCall('GET', '/ResourceTypes/User')).body.schema).toBe(User);
    const schemas = await scimCall('GET', '/Schemas');
    expect(schemas.body.totalResults).toBe(2);
    expect((await scimCall('GET', `/Schemas/${User}`)).body.attributes.map((a: { name: string }) => a.name)).toContain('userName');
    expectScimError(await scimCall('GET', '/Schemas/urn:nope'), 404);
    expectScimError(await scimCall('GET', '/Nothing'), 404);
  });
});

describe("Okta's SCIM 2.0 test sequence", () => {
  it('filter for absence, create, get, filter for existence, refuse a duplicate, 404 on unknown, replace, deactivate', async () => {
    const userName = `okta-${unique()}@example.com`;
    const first = await scimCall('GET', '/Users?count=1&startIndex=1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], startIndex: 1, itemsPerPage: 1 });
    expect(first.body.totalResults).toBeGreaterThanOrEqual(1);

    const absent = await scimCall('GET', `/Users?${filter(`userName eq "${userName}"`)}`);
    expect(absent.body).toMatchObject({ totalResults: 0, Resources: [] });

    const body = {
      schemas: [User],
      userName,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Ada Lovelace',
      locale: 'en-US',
      externalId: '00u1abcd',
      groups: [],
      password: `pw-${unique()}`,
      active: true,
    };
    const created = await scimCall('POST', '/Users', body);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(created.body.meta.location);
    expect(created.body).toMatchObject({
      schemas: [User],
      userName,
      active: true,
      displayName: 'Ada Lovelace',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: userName, primary: true }],
    });
    expect(JSON.stringify(created.body)).not.toContain(body.password);
    const id = created.body.id as string;

    expect((await scimCall('GET', `/Users/${id}`)).body).toMatchObject({ id, userName, active: true });
    // userName is case-insensitive (RFC 7643 §4.1.1).
    const found = await scimCall('GET', `/Users?${filter(`userName eq "${userName.toUpperCase()}"`)}`);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    expectScimError(await scimCall('POST', '/Users', body), 409, 'uniqueness');
    expectScimError(await scimCall('GET', '/Users/usr_doesnotexist'), 404);

    const replaced = await scimCall('PUT', `/Users/${id}`, { ...body, name: { givenName: 'Augusta', familyName: 'King' }, displayName: 'Augusta King' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, displayName: 'Augusta King', name: { givenName: 'Augusta', familyName: 'King' } });

    const deactivated = await scimCall('PATCH', `/Users/${id}`, { schemas: [PatchOp], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await scimCall('GET', `/Users/${id}`)).body.active).toBe(false);

    const reactivated = await scimCall('PATCH', `/Users/${id}`, { schemas: [PatchOp], Operations: [{ op: 'replace', value: { active: true } }] });
    expect(reactivated.body.active).toBe(true);
  });

  it('deactivating an existing member ends their session and revokes their keys with reason deprovisioned (published like any revocation)', async () => {
    const member = await existingMember();
    const session = await api.call('POST', '/api/v1/session', { key: null, body: { apiKey: member.key } });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(200);

    // The identity provider finds them by userName (their email) and deactivates them.
    const found = await scimCall('GET', `/Users?${filter(`userName eq "${member.email}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({ id: member.userId, userName: member.email, active: true });
    const patched = await scimCall('PATCH', `/Users/${member.userId}`, { schemas: [PatchOp], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(patched.status).toBe(200);

    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(401);
    expect((await api.call('GET', '/api/v1/me', { key: member.key })).status).toBe(401);
    const key = await api.call('GET', `/api/v1/keys/${member.keyId}`);
    expect(key.body).toMatchObject({ status: 'revoked', revocation: { reason: 'deprovisioned', actor: { type: 'system', id: scim.id, name: 'SCIM: Okta' } } });
    const events = (await readAll(api.kafka, api.keyEvents)).map(
      (m) => m.json as { type: string; payload: { keyId: string; reason: string; owner: { email: string } } },
    );
    expect(events.find((e) => e.type === 'key.revoked' && e.payload.keyId === member.keyId)?.payload).toMatchObject({
      reason: 'deprovisioned',
      owner: { email: member.email },
    });
    const audit = await api.call('GET', '/api/v1/audit?action=user.deactivated');
    expect(audit.body.items.find((e: { target: { id: string } }) => e.target.id === member.userId)).toMatchObject({
      actor: { type: 'system', id: scim.id },
      details: { revokedKeys: 1, endedSessions: 1 },
    });

    // The provider repeats itself: nothing is revoked twice.
    expect((await scimCall('PATCH', `/Users/${member.userId}`, { schemas: [PatchOp], Operations: [{ op: 'replace', value: { active: false } }] })).status).toBe(
      200,
    );
    const again = (await readAll(api.kafka, api.keyEvents)).filter(
      (m) => (m.json as { type: string; payload: { keyId: string } }).payload.keyId === member.keyId,
    );
    expect(again).toHaveLength(1);
  });
});

describe("Microsoft Entra ID's SCIM validator sequence", () => {
  it('externalId filter, string booleans, filtered email paths, Replace/Add ops and DELETE', async () => {
    const externalId = `ext-${unique()}`;
    const userName = `entra-${unique()}@contoso.example`;
    expect((await scimCall('GET', `/Users?${filter(`externalId eq "${externalId}"`)}`)).body.totalResults).toBe(0);
    const created = await scimCall('POST', '/Users', {
      schemas: [User, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId,
      userName,
      active: true,
      displayName: 'Grace Hopper',
      emails: [{ primary: true, type: 'work', value: userName }],
      name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Navy' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await scimCall('GET', `/Users?${filter(`externalId eq "${externalId}"`)}`)).body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    // Entra ID also combines filters; anything beyond an indexed `eq` is evaluated too.
    expect((await scimCall('GET', `/Users?${filter(`userName eq "${userName}" and active eq true`)}`)).body.totalResults).toBe(1);
    expect((await scimCall('GET', `/Users?${filter(`displayName sw "Grace H"`)}`)).body.Resources.map((u: { id: string }) => u.id)).toContain(id);
    expectScimError(await scimCall('GET', `/Users?${filter('userName eq')}`), 400, 'invalidFilter');

    const newEmail = `grace-${unique()}@contoso.example`;
    const updated = await scimCall('PATCH', `/Users/${id}`, {
      schemas: [PatchOp],
      Operations: [
        { op: 'Replace', path: 'name.familyName', value: 'Murray Hopper' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: newEmail },
        { op: 'Replace', path: 'displayName', value: 'Grace Murray Hopper' },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: 'Grace Murray Hopper', name: { familyName: 'Murray Hopper' }, emails: [{ value: newEmail }] });

    const off = await scimCall('PATCH', `/Users/${id}`, { schemas: [PatchOp], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);

    expectScimError(
      await scimCall('PATCH', `/Users/${id}`, { schemas: [PatchOp], Operations: [{ op: 'Move', path: 'active', value: true }] }),
      400,
      'invalidValue',
    );
    expectScimError(await scimCall('PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: true }] }), 400);
    expectScimError(await scimCall('POST', '/Users', { userName: 'not-an-email' }), 400, 'invalidValue');

    expect((await scimCall('DELETE', `/Users/${id}`)).status).toBe(204);
    expectScimError(await scimCall('GET', `/Users/${id}`), 404);
    expectScimError(await scimCall('DELETE', `/Users/${id}`), 404);
  });

  it('groups: create, add and remove members by PATCH, filter by displayName without members; "Keyguard Team Admins" gives its members the role', async () => {
    const a = (await scimCall('POST', '/Users', { schemas: [User], userName: `a-${unique()}@contoso.example`, active: true })).body;
    const b = (await scimCall('POST', '/Users', { schemas: [User], userName: `b-${unique()}@contoso.example`, active: true })).body;
    const displayName = 'Keyguard Team Admins';
    expect((await scimCall('GET', `/Groups?${filter(`displayName eq "${displayName}"`)}&excludedAttributes=members`)).body.totalResults).toBe(0);
    const group = await scimCall('POST', '/Groups', { schemas: [Group], displayName, externalId: `g-${unique()}`, members: [] });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    expectScimError(await scimCall('POST', '/Groups', { schemas: [Group], displayName }), 409, 'uniqueness');

    const role = async (userId: string) => (await api.call('GET', '/api/v1/users?limit=200')).body.items.find((u: { id: string }) => u.id === userId)?.role;
    const add = await scimCall('PATCH', `/Groups/${gid}`, {
      schemas: [PatchOp],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: a.id }, { value: b.id }] }],
    });
    expect(add.status).toBe(200);
    expect(add.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    expect(await role(a.id)).toBe('team_admin');
    expect((await scimCall('GET', `/Users/${a.id}`)).body.groups).toMatchObject([{ value: gid, display: displayName }]);

    const listed = await scimCall('GET', `/Groups?${filter(`displayName eq "${displayName}"`)}&excludedAttributes=members`);
    expect(listed.body.totalResults).toBe(1);
    expect(listed.body.Resources[0].members).toBeUndefined();

    const remove = await scimCall('PATCH', `/Groups/${gid}`, { schemas: [PatchOp], Operations: [{ op: 'Remove', path: `members[value eq "${a.id}"]` }] });
    expect(remove.status).toBe(200);
    expect(remove.body.members.map((m: { value: string }) => m.value)).toEqual([b.id]);
    expect(await role(a.id)).toBe('member');
    expect(await role(b.id)).toBe('team_admin');

    // Okta renames with a path-less replace; the group then gives no role.
    const renamed = await scimCall('PATCH', `/Groups/${gid}`, {
      schemas: [PatchOp],
      Operations: [{ op: 'replace', value: { id: gid, displayName: 'Engineering' } }],
    });
    expect(renamed.body.displayName).toBe('Engineering');
    expect(await role(b.id)).toBe('member');

    expectScimError(
      await scimCall('PATCH', `/Groups/${gid}`, { schemas: [PatchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: 'usr_nobody' }] }] }),
      400,
      'invalidValue',
    );
    expect((await scimCall('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expectScimError(await scimCall('GET', `/Groups/${gid}`), 404);
  });
});
