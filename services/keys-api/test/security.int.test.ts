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
