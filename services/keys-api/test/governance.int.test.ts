import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFindingRecorder, type ExposureRecord, findingIdFor, hashApiKey } from '@keyguard/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

const location = (n: number): ExposureRecord['location'] => ({
  source: 'github',
  kind: 'commit',
  url: `https://github.com/octo/repo/blob/abc${n}/config.json#L${n}`,
  repository: 'octo/repo',
  commit: `abc${n}`,
  path: 'config.json',
  line: n,
  detectedAt: new Date(Date.now() - 60_000 + n),
});

/** What the policy records when a team key is found with auto-revoke off: an open finding, the key marked exposed. */
async function expose(keyId: string, raw: string, at = [1]) {
  const tokenHash = hashApiKey(raw);
  const records = at.map((n) => ({
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
}

async function newKey(name: string) {
  const r = await api.call('POST', '/api/v1/keys', { body: { name } });
  expect(r.status).toBe(201);
  return { id: r.body.id as string, key: r.body.key as string };
}

describe('exposures, findings and the auto-revoke setting', () => {
  it('lists exposed keys with every location; turning auto-revoke on asks what to do with them (409), "ignore" keeps them', async () => {
    const exposed = await newKey('exposed one');
    await expose(exposed.id, exposed.key, [1, 2]);

    const list = await api.call('GET', '/api/v1/exposures');
    const item = list.body.items.find((i: { id: string }) => i.id === exposed.id);
    expect(item).toMatchObject({ name: 'exposed one', status: 'enabled', finding: { status: 'open' } });
    expect(item.locations).toHaveLength(2);
    expect(item.detectedAt).toEqual(expect.any(String));
    expect(item.exposure.location.repository).toBe('octo/repo');

    const conflict = await api.call('PATCH', '/api/v1/settings', { body: { autoRevokeExposed: true } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: 'EXPOSED_KEYS_EXIST', code: 'EXPOSED_KEYS_EXIST', exposedCount: 1, message: expect.any(String) });
    expect(conflict.body.keys[0]).toMatchObject({ id: exposed.id, preview: expect.stringMatching(/^PMAK-…/) });
    expect((await api.call('GET', '/api/v1/settings')).body.autoRevokeExposed).toBe(false);

    const ignored = await api.call('PATCH', '/api/v1/settings', { body: { autoRevokeExposed: true, existingExposed: 'ignore' } });
    expect(ignored.status).toBe(200);
    expect(ignored.body).toMatchObject({ autoRevokeExposed: true, revokedExposed: 0 });
    expect((await api.call('GET', `/api/v1/keys/${exposed.id}`)).body.status).toBe('enabled');
    await api.call('PATCH', '/api/v1/settings', { body: { autoRevokeExposed: false } });
  });

  it('"revoke" revokes the exposed keys and resolves their findings as revoked', async () => {
    const exposed = await newKey('exposed two');
    await expose(exposed.id, exposed.key);
    const result = await api.call('PATCH', '/api/v1/settings', { body: { autoRevokeExposed: true, existingExposed: 'revoke' } });
    expect(result.status).toBe(200);
    expect(result.body.revokedExposed).toBeGreaterThanOrEqual(1);
    expect((await api.call('GET', '/api/v1/me', { key: exposed.key })).status).toBe(401);
    const finding = await api.call('GET', `/api/v1/findings/${findingIdFor(hashApiKey(exposed.key))}`);
    expect(finding.body).toMatchObject({ status: 'resolved', resolution: 'revoked' });
    expect(finding.body.history.map((h: { action: string }) => h.action)).toEqual(['detected', 'resolved']);
    await api.call('PATCH', '/api/v1/settings', { body: { autoRevokeExposed: false } });
  });

  it('revoking an exposed key by hand resolves its finding', async () => {
    const exposed = await newKey('exposed three');
    await expose(exposed.id, exposed.key);
    await api.call('POST', `/api/v1/keys/${exposed.id}/revoke`);
    const finding = await api.call('GET', `/api/v1/findings/${findingIdFor(hashApiKey(exposed.key))}`);
    expect(finding.body).toMatchObject({ status: 'resolved', resolution: 'revoked' });
  });

  it('lists findings (third-party too) by status, rule and source; resolves one as a false positive, with history', async () => {
    const tokenHash = 'f'.repeat(64);
    await createFindingRecorder(api.store).recordExposures(
      [{ tokenHash, ruleId: 'github-pat', redacted: 'ghp_…zz99', confidence: 'high', location: { ...location(7), source: 'gitlab' } }],
      new Map(),
    );
    const byRule = await api.call('GET', '/api/v1/findings?ruleId=github-pat');
    expect(byRule.body.items.map((f: { tokenHash: string }) => f.tokenHash)).toEqual([tokenHash]);
    expect((await api.call('GET', '/api/v1/findings?source=gitlab')).body.items).toHaveLength(1);
    expect((await api.call('GET', '/api/v1/findings?source=postman')).body.items).toHaveLength(0);
    const id = byRule.body.items[0].id;
    const patched = await api.call('PATCH', `/api/v1/findings/${id}`, { body: { status: 'resolved', resolution: 'false_positive' } });
    expect(patched.body).toMatchObject({ status: 'resolved', resolution: 'false_positive', keyId: null });
    expect(patched.body.history.at(-1)).toMatchObject({ action: 'resolved', resolution: 'false_positive', actor: { type: 'user' } });
    const open = await api.call('GET', '/api/v1/findings?status=open&ruleId=github-pat');
    expect(open.body.items).toHaveLength(0);
    expect((await api.call('PATCH', `/api/v1/findings/${id}`, { body: { status: 'resolved', resolution: 'nope' } })).status).toBe(400);
  });
});

describe('key expiry setting', () => {
  it('asks for confirmation (409 CONFIRM_EXPIRY) when keys would expire at once, then expires them and applies to new keys', async () => {
    const old = await newKey('old key');
    await api.store.collections.apiKeys.updateOne({ _id: old.id }, { $set: { createdAt: new Date(Date.now() - 40 * 86_400_000) } });

    const conflict = await api.call('PATCH', '/api/v1/settings', { body: { keyExpiryDays: 30 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: 'CONFIRM_EXPIRY', code: 'CONFIRM_EXPIRY', expiresNow: 1 });
    expect((await api.call('GET', '/api/v1/me', { key: old.key })).status).toBe(200);

    const confirmed = await api.call('PATCH', '/api/v1/settings', { body: { keyExpiryDays: 30, confirm: true } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ keyExpiryDays: 30, expiresNow: 1 });
    const oldNow = await api.call('GET', `/api/v1/keys/${old.id}`);
    expect(oldNow.body).toMatchObject({ status: 'revoked', revocation: { reason: 'expired' } });
    expect((await api.call('GET', '/api/v1/me', { key: old.key })).status).toBe(401);

    const fresh = await api.call('POST', '/api/v1/keys', { body: { name: 'fresh', expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString() } });
    const expected = new Date(fresh.body.createdAt).getTime() + 30 * 86_400_000;
    expect(new Date(fresh.body.expiresAt).getTime()).toBe(expected);
    const bootstrapKey = (await api.call('GET', '/api/v1/me')).body.keyId;
    expect((await api.call('GET', `/api/v1/keys/${bootstrapKey}`)).body.expiresAt).not.toBeNull();

    // Nothing expires at once: no confirmation needed.
    expect((await api.call('PATCH', '/api/v1/settings', { body: { keyExpiryDays: 60 } })).status).toBe(200);
    await api.call('PATCH', '/api/v1/settings', { body: { keyExpiryDays: null } });
    const audit = await api.call('GET', '/api/v1/audit?action=settings.updated');
    expect(audit.body.items.length).toBeGreaterThanOrEqual(3);
  });
});

describe('browser session', () => {
  it('opens an HttpOnly SameSite=Strict cookie session, requires the CSRF header on writes, and closes it', async () => {
    const opened = await api.call('POST', '/api/v1/session', { key: null, body: { apiKey: api.adminKey } });
    expect(opened.status).toBe(204);
    const setCookie = opened.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^keyguard_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(setCookie).not.toContain(api.adminKey);
    const cookie = setCookie.split(';')[0]!;

    const me = await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } });
    expect(me.body).toMatchObject({ role: 'super_admin', authenticatedBy: 'session' });
    const noCsrf = await api.call('POST', '/api/v1/keys', { key: null, headers: { cookie }, body: { name: 'from browser' } });
    expect(noCsrf.status).toBe(403);
    const withCsrf = await api.call('POST', '/api/v1/keys', { key: null, headers: { cookie, 'x-requested-with': 'keyguard' }, body: { name: 'from browser' } });
    expect(withCsrf.status).toBe(201);
    const sameOrigin = await api.call('POST', '/api/v1/keys', { key: null, headers: { cookie, origin: api.base }, body: { name: 'same origin' } });
    expect(sameOrigin.status).toBe(201);

    expect((await api.call('POST', '/api/v1/session', { key: null, body: { apiKey: 'PMAK-nope' } })).status).toBe(401);
    const closed = await api.call('DELETE', '/api/v1/session', { key: null, headers: { cookie } });
    expect(closed.status).toBe(204);
    expect(closed.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(401);
  });
});

describe('documents and assets', () => {
  it('serves the OpenAPI document and a note while the dashboard is not built', async () => {
    const doc = await api.call('GET', '/api/v1/openapi.json', { key: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/keys', '/keys/revoke-all', '/exposures', '/findings/{id}', '/settings', '/audit', '/session', '/users']),
    );
    const root = await api.call('GET', '/', { key: null });
    expect(root.status).toBe(200);
    expect(root.body).toContain('not built');
    const unknownApi = await api.call('GET', '/api/v1/nothing-here', { key: null });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body.error).toBe('not_found');
  });

  it('serves a built dashboard with the single-page-app fallback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyguard-dashboard-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Keyguard dashboard</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log("hi")');
    writeFileSync(join(dir, 'app.js.map'), '{"version":3,"sources":["src/app.tsx"],"mappings":""}');
    const withUi = await startApi({ DASHBOARD_DIR: dir });
    try {
      expect((await withUi.call('GET', '/', { key: null })).body).toContain('Keyguard dashboard');
      expect((await withUi.call('GET', '/app.js', { key: null })).body).toContain('console.log');
      const deep = await withUi.call('GET', '/keys/some-id', { key: null });
      expect(deep.status).toBe(200);
      expect(deep.body).toContain('Keyguard dashboard');
      expect((await withUi.call('GET', '/api/v1/nope', { key: null })).status).toBe(404);
      // Never a source map, present or not (issue 10, item 15).
      expect((await withUi.call('GET', '/app.js.map', { key: null })).status).toBe(404);
      expect((await withUi.call('GET', '/other.js.map', { key: null })).status).toBe(404);
    } finally {
      await withUi.stop();
    }
  });
});
