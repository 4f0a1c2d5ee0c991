import { createFindingRecorder, hashApiKey, newId } from '@keyguard/keys';
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

async function addUser(role: 'member' | 'team_admin' | 'super_admin' = 'member', by = api.adminKey) {
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const created = await api.call('POST', '/api/v1/users', { key: by, body: { email, name: `${role} ${email.slice(0, 12)}`, role } });
  expect(created.status).toBe(201);
  return { id: created.body.user.id as string, email, key: created.body.key.key as string, keyId: created.body.key.id as string };
}

async function sessionFor(apiKey: string): Promise<string> {
  const opened = await api.call('POST', '/api/v1/session', { key: null, body: { apiKey } });
  expect(opened.status).toBe(204);
  return opened.headers.get('set-cookie')!.split(';')[0]!;
}

describe('malformed session cookies (issue 10, item 12)', () => {
  it('answers 401, never 500, to a session cookie that is not percent-decodable, empty or unknown', async () => {
    for (const cookie of ['keyguard_session=%E0%A4%A', 'keyguard_session=%', 'keyguard_session=', 'keyguard_session=bm90LWEtc2Vzc2lvbg']) {
      const me = await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } });
      expect(me.status, cookie).toBe(401);
      expect(me.body.error).toBe('unauthorized');
    }
    const closed = await api.call('DELETE', '/api/v1/session', { key: null, headers: { cookie: 'keyguard_session=%E0%A4%A' } });
    expect(closed.status).toBe(204);
  });
});

describe("an admin's disable (issue 10, item 11)", () => {
  it('a member cannot enable a key an admin disabled, and the session it opened does not come back', async () => {
    const member = await addUser('member');
    const second = await api.call('POST', '/api/v1/keys', { key: member.key, body: { name: 'second' } });
    expect(second.status).toBe(201);
    const cookie = await sessionFor(member.key);
    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(200);

    expect((await api.call('POST', `/api/v1/keys/${member.keyId}/disable`)).body.status).toBe('disabled');
    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(401);
    const undo = await api.call('POST', `/api/v1/keys/${member.keyId}/enable`, { key: second.body.key });
    expect(undo.status).toBe(403);
    expect(undo.body.error).toBe('DISABLED_BY_ADMIN');
    expect((await api.call('GET', '/api/v1/me', { key: member.key })).status).toBe(401);

    // An admin enables it: the key works again, the session it had opened stays closed.
    expect((await api.call('POST', `/api/v1/keys/${member.keyId}/enable`)).body.status).toBe('enabled');
    expect((await api.call('GET', '/api/v1/me', { key: member.key })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/me', { key: null, headers: { cookie } })).status).toBe(401);
  });

  it("a member still disables and enables their own key; a team admin cannot undo a super admin's disable", async () => {
    const member = await addUser('member');
    const second = await api.call('POST', '/api/v1/keys', { key: member.key, body: { name: 'second' } });
    expect((await api.call('POST', `/api/v1/keys/${second.body.id}/disable`, { key: member.key })).body.status).toBe('disabled');
    expect((await api.call('POST', `/api/v1/keys/${second.body.id}/enable`, { key: member.key })).body.status).toBe('enabled');

    const teamAdmin = await addUser('team_admin');
    const other = await addUser('member');
    expect((await api.call('POST', `/api/v1/keys/${other.keyId}/disable`)).status).toBe(200);
    const undo = await api.call('POST', `/api/v1/keys/${other.keyId}/enable`, { key: teamAdmin.key });
    expect(undo.status).toBe(403);
    expect(undo.body.error).toBe('DISABLED_BY_ADMIN');
    expect((await api.call('POST', `/api/v1/keys/${other.keyId}/disable`, { key: teamAdmin.key })).status).toBe(200);
  });
});

describe('role hierarchy (issue 10, item 9)', () => {
  it("a team admin cannot disable, enable or revoke a super admin's keys, alone or in bulk; governs other admins' and members' keys", async () => {
    const boss = await addUser('super_admin');
    const teamAdmin = await addUser('team_admin');
    const peer = await addUser('team_admin');
    for (const action of ['disable', 'enable', 'revoke']) {
      const denied = await api.call('POST', `/api/v1/keys/${boss.keyId}/${action}`, { key: teamAdmin.key });
      expect(denied.status, action).toBe(403);
      expect(denied.body.error).toBe('OUTRANKED');
    }
    expect((await api.call('POST', '/api/v1/keys/revoke', { key: teamAdmin.key, body: { ids: [boss.keyId] } })).body).toEqual({ revoked: 0 });
    // Nor by resolving the finding of the super admin's exposed key as "revoked".
    const tokenHash = hashApiKey(boss.key);
    const location = { source: 'github' as const, kind: 'commit', url: 'https://github.com/octo/repo/blob/abc/a.json', detectedAt: new Date() };
    const [finding] = await createFindingRecorder(api.store).recordExposures(
      [{ tokenHash, ruleId: 'postman-api-key', redacted: 'PMAK-…', confidence: 'high', location }],
      new Map([[tokenHash, { keyId: boss.keyId, teamId: 'team_default', revoked: false }]]),
    );
    const resolve = await api.call('PATCH', `/api/v1/findings/${finding!.findingId}`, {
      key: teamAdmin.key,
      body: { status: 'resolved', resolution: 'revoked' },
    });
    expect(resolve.status).toBe(403);
    expect((await api.call('GET', '/api/v1/me', { key: boss.key })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/keys/${boss.keyId}`, { key: teamAdmin.key })).status).toBe(200);
    expect((await api.call('POST', `/api/v1/keys/${peer.keyId}/revoke`, { key: teamAdmin.key })).body.status).toBe('revoked');
    // A super admin governs another super admin's keys.
    expect((await api.call('POST', `/api/v1/keys/${boss.keyId}/disable`)).body.status).toBe('disabled');
  });

  it("a team admin's revoke-all spares the super admins' keys", async () => {
    const own = await startApi();
    try {
      const add = async (role: string) => {
        const r = await own.call('POST', '/api/v1/users', {
          body: { email: `${role}-${Math.random().toString(36).slice(2, 8)}@example.test`, name: role, role },
        });
        return { keyId: r.body.key.id as string, key: r.body.key.key as string };
      };
      const boss = await add('super_admin');
      const teamAdmin = await add('team_admin');
      const member = await add('member');
      const all = await own.call('POST', '/api/v1/keys/revoke-all', { key: teamAdmin.key, body: { confirm: true } });
      expect(all.body).toEqual({ revoked: 1, owners: 1 });
      expect((await own.call('GET', '/api/v1/me', { key: member.key })).status).toBe(401);
      expect((await own.call('GET', '/api/v1/me', { key: boss.key })).status).toBe(200);
      expect((await own.call('GET', '/api/v1/me')).status).toBe(200);
      expect((await own.call('GET', '/api/v1/me', { key: teamAdmin.key })).status).toBe(200);
    } finally {
      await own.stop();
    }
  });
});

describe('operations endpoints (issue 10, item 15)', () => {
  it('serves /readyz and /metrics only on the metrics port; /healthz stays on the main port', async () => {
    expect((await api.call('GET', '/healthz', { key: null })).status).toBe(200);
    for (const path of ['/readyz', '/metrics']) {
      expect((await api.call('GET', path, { key: null })).status, path).toBe(404);
      expect((await api.call('GET', path)).status, `${path} with a key`).toBe(404);
    }
    expect(api.metricsBase).not.toBe(api.base);
    const ready = await fetch(`${api.metricsBase}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { kafka: true, mongodb: true } });
    const metrics = await (await fetch(`${api.metricsBase}/metrics`)).text();
    expect(metrics).toContain('keyguard_http_requests_total{method="GET",route="/healthz",status="200",service="keys-api"}');
  });
});

describe('security headers (issue 10, item 8)', () => {
  const expectBrowserRules = (headers: Headers, what: string) => {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).not.toContain('unsafe-inline');
    expect(headers.get('x-frame-options'), what).toBe('DENY');
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  };

  it('sets CSP, frame, sniffing and referrer rules on pages, API answers, errors and health', async () => {
    expectBrowserRules((await api.call('GET', '/', { key: null })).headers, 'page');
    expectBrowserRules((await api.call('GET', '/api/v1/me')).headers, 'API answer');
    expectBrowserRules((await api.call('GET', '/api/v1/me', { key: null })).headers, '401');
    expectBrowserRules((await api.call('GET', '/api/v1/nothing', { key: null })).headers, '404');
    expectBrowserRules((await api.call('GET', '/healthz', { key: null })).headers, 'healthz');
    // Served over plain http here: no HSTS (it is set with SESSION_COOKIE_SECURE=true).
    expect((await api.call('GET', '/', { key: null })).headers.get('strict-transport-security')).toBeNull();
  });

  it('answers every API call with Cache-Control: no-store, above all those that show a key once', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'shown once' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const user = await api.call('POST', '/api/v1/users', { body: { email: `nostore-${Date.now()}@example.test`, name: 'No Store', role: 'member' } });
    expect(user.headers.get('cache-control')).toBe('no-store');
    expect((await api.call('GET', '/api/v1/keys')).headers.get('cache-control')).toBe('no-store');
    expect((await api.call('GET', '/api/v1/me', { key: null })).headers.get('cache-control')).toBe('no-store');
  });

  it('sends Strict-Transport-Security when served over HTTPS', async () => {
    const secure = await startApi({ SESSION_COOKIE_SECURE: 'true' });
    try {
      expect((await secure.call('GET', '/', { key: null })).headers.get('strict-transport-security')).toContain('max-age=31536000');
    } finally {
      await secure.stop();
    }
  });
});

describe('rate limits (issue 10, item 7)', () => {
  it('answers 429 with Retry-After once a client failed too often, even with a valid key; other clients go on; counted in a metric', async () => {
    const limited = await startApi({ AUTH_FAILURES_PER_MINUTE: '3', SESSION_OPENS_PER_MINUTE: '4', TRUST_PROXY: 'true' });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < 3; i++) expect((await limited.call('GET', '/api/v1/me', { key: randomPmak(), headers: from('203.0.113.7') })).status).toBe(401);
      const refused = await limited.call('GET', '/api/v1/me', { key: randomPmak(), headers: from('203.0.113.7') });
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe('too_many_requests');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // The valid key gets nowhere from that address either: no guessing behind the limit.
      expect((await limited.call('GET', '/api/v1/me', { headers: from('203.0.113.7') })).status).toBe(429);
      expect((await limited.call('POST', '/api/v1/session', { key: null, body: { apiKey: limited.adminKey }, headers: from('203.0.113.7') })).status).toBe(429);
      expect((await limited.call('GET', '/api/v1/me', { headers: from('198.51.100.2') })).status).toBe(200);

      // POST /session is limited as a whole, successful or not.
      for (let i = 0; i < 4; i++) {
        expect((await limited.call('POST', '/api/v1/session', { key: null, body: { apiKey: limited.adminKey }, headers: from('198.51.100.9') })).status).toBe(
          204,
        );
      }
      const tooMany = await limited.call('POST', '/api/v1/session', { key: null, body: { apiKey: limited.adminKey }, headers: from('198.51.100.9') });
      expect(tooMany.status).toBe(429);
      expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

      const metrics = await (await fetch(`${limited.metricsBase}/metrics`)).text();
      expect(metrics).toMatch(/keyguard_rate_limited_total\{limit="auth_failures",service="keys-api"\} 3/);
      expect(metrics).toMatch(/keyguard_rate_limited_total\{limit="session_opens",service="keys-api"\} 1/);
      expect(metrics).toMatch(/keyguard_auth_failures_total\{service="keys-api"\} 3/);
    } finally {
      await limited.stop();
    }
  });
});

describe('no key in a URL (issue 10, item 16)', () => {
  it('refuses q= with a full key (400, pointing at keyHash) and never echoes the key; keyHash finds it', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'searched' } });
    const refused = await api.call('GET', `/api/v1/keys?q=${encodeURIComponent(created.body.key)}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');
    expect(refused.body.message).toContain('keyHash');
    expect(JSON.stringify(refused.body)).not.toContain(created.body.key);
    const found = await api.call('GET', `/api/v1/keys?keyHash=${hashApiKey(created.body.key)}`);
    expect(found.body.items.map((k: { id: string }) => k.id)).toEqual([created.body.id]);
  });
});

describe('one team per finding, emails per team (issue 10, item 10)', () => {
  /** A second team with a team admin and their key, written as keys-api would have. */
  async function otherTeam() {
    const teamId = newId('team');
    const userId = newId('usr');
    const key = randomPmak();
    const now = new Date();
    await api.store.collections.teams.insertOne({
      _id: teamId,
      name: 'Other team',
      settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false },
      createdAt: now,
      updatedAt: now,
    });
    await api.store.collections.users.insertOne({
      _id: userId,
      teamId,
      email: `admin@${teamId}.test`,
      name: 'Other admin',
      role: 'team_admin',
      createdAt: now,
    });
    await api.store.collections.apiKeys.insertOne({
      _id: newId('key'),
      hash: hashApiKey(key),
      preview: 'PMAK-…',
      name: 'other',
      teamId,
      createdBy: userId,
      createdAt: now,
      expiresAt: null,
      lastUsedAt: null,
      status: 'enabled',
      revokedAt: null,
      revocation: null,
      exposure: null,
    });
    return { teamId, key };
  }

  /** A third-party secret's finding, attributed as the policy does (or with no team, as before). */
  async function thirdParty(teamId: string | null) {
    const tokenHash = hashApiKey(randomPmak());
    const location = { source: 'github' as const, kind: 'commit', url: 'https://github.com/x/y/blob/c/a.json', repository: 'x/y', detectedAt: new Date() };
    const [outcome] = await createFindingRecorder(api.store, teamId ? { teamOf: () => teamId } : {}).recordExposures(
      [{ tokenHash, ruleId: 'slack-token', redacted: 'xoxb-…', confidence: 'high', location }],
      new Map(),
    );
    return outcome!.findingId;
  }

  it("a team sees and resolves only its own findings; another team's (and the unattributed ones) are 404 to it", async () => {
    const other = await otherTeam();
    const theirs = await thirdParty(other.teamId);
    const ours = await thirdParty('team_default');
    const legacy = await thirdParty(null);
    const ids = async (key?: string) =>
      (await api.call('GET', '/api/v1/findings?limit=200&status=open', key ? { key } : {})).body.items.map((f: { id: string }) => f.id);

    expect(await ids(other.key)).toEqual([theirs]);
    for (const id of [ours, legacy]) {
      expect((await api.call('GET', `/api/v1/findings/${id}`, { key: other.key })).status).toBe(404);
      expect((await api.call('PATCH', `/api/v1/findings/${id}`, { key: other.key, body: { status: 'resolved', resolution: 'wont_fix' } })).status).toBe(404);
    }
    const mine = await ids();
    expect(mine).toEqual(expect.arrayContaining([ours, legacy]));
    expect(mine).not.toContain(theirs);
    expect((await api.call('PATCH', `/api/v1/findings/${theirs}`, { body: { status: 'resolved', resolution: 'wont_fix' } })).status).toBe(404);
    expect((await api.call('PATCH', `/api/v1/findings/${theirs}`, { key: other.key, body: { status: 'resolved', resolution: 'wont_fix' } })).status).toBe(200);
  });

  it('an email is unique within a team, not across teams', async () => {
    const other = await otherTeam();
    const taken = await addUser('member');
    const again = await api.call('POST', '/api/v1/users', { key: other.key, body: { email: taken.email, name: 'Same person', role: 'member' } });
    expect(again.status).toBe(201);
    const twice = await api.call('POST', '/api/v1/users', { key: other.key, body: { email: taken.email, name: 'Same person', role: 'member' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('EMAIL_TAKEN');
  });
});
