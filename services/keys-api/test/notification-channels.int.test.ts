import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

const encryptionKey = randomBytes(32).toString('hex');
let api: Api;
let strict: Api;
let member: string;

beforeAll(async () => {
  api = await startApi({ KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: 'true', KEYGUARD_CHANNEL_ENCRYPTION_KEY: encryptionKey, KEYGUARD_DIGEST_WINDOW_MS: '120000' });
  strict = await startApi({ KEYGUARD_CHANNEL_ENCRYPTION_KEY: encryptionKey });
  const created = await api.call('POST', '/api/v1/users', {
    body: { email: `member.${randomBytes(3).toString('hex')}@example.test`, name: 'Member', role: 'member' },
  });
  member = created.body.key.key;
});
afterAll(async () => {
  await api?.stop();
  await strict?.stop();
});

describe('notification channels', () => {
  it('creates a channel and shows its signing secret once, stored only encrypted', async () => {
    const created = await api.call('POST', '/api/v1/notification-channels', {
      body: { type: 'webhook', url: 'http://127.0.0.1:9/hook', events: ['exposure.detected', 'key.revoked', 'exposure.detected'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^nch_/),
      type: 'webhook',
      url: 'http://127.0.0.1:9/hook',
      events: ['exposure.detected', 'key.revoked'],
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const list = await api.call('GET', '/api/v1/notification-channels');
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id })]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const stored = await api.store.collections.notificationChannels.findOne({ _id: created.body.id });
    expect(stored!.secretEncrypted).toMatch(/^enc1\./);
    expect(JSON.stringify(stored)).not.toContain(created.body.secret);
  });

  it('updates, test-sends (a queued delivery with its status in the log) and deletes', async () => {
    const { body: channel } = await api.call('POST', '/api/v1/notification-channels', {
      body: { type: 'slack', url: 'http://127.0.0.1:9/slack', events: ['finding.created'] },
    });
    const patched = await api.call('PATCH', `/api/v1/notification-channels/${channel.id}`, { body: { events: ['finding.created', 'finding.resolved'] } });
    expect(patched.body.events).toEqual(['finding.created', 'finding.resolved']);
    const test = await api.call('POST', `/api/v1/notification-channels/${channel.id}/test`);
    expect(test.status).toBe(202);
    expect(test.body.delivery).toMatchObject({ event: 'channel.test', status: 'pending', attempts: 0 });
    const log = await api.call('GET', `/api/v1/notification-channels/${channel.id}/deliveries`);
    expect(log.body.items).toEqual([expect.objectContaining({ id: test.body.delivery.id, status: 'pending', lastError: null })]);
    const stored = await api.store.collections.channelDeliveries.findOne({ _id: test.body.delivery.id });
    expect(JSON.parse(stored!.body)).toMatchObject({ text: expect.stringContaining('Test message from Keyguard'), blocks: expect.any(Array) });
    expect((await api.call('DELETE', `/api/v1/notification-channels/${channel.id}`)).status).toBe(204);
    expect((await api.call('GET', `/api/v1/notification-channels/${channel.id}/deliveries`)).status).toBe(404);
    expect((await api.call('DELETE', `/api/v1/notification-channels/${channel.id}`)).status).toBe(404);
  });

  it('refuses bad input with a reason: scheme, unknown events, private addresses without the operator setting', async () => {
    const post = (target: Api, body: unknown) => target.call('POST', '/api/v1/notification-channels', { body });
    expect(await post(api, { type: 'webhook', url: 'ftp://example.test/', events: ['key.revoked'] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_channel_url', message: 'url: only http and https URLs are allowed' },
    });
    expect((await post(api, { type: 'webhook', url: 'https://example.test/', events: ['key.created'] })).status).toBe(400);
    expect((await post(api, { type: 'webhook', url: 'https://example.test/', events: [] })).status).toBe(400);
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost/', 'http://169.254.169.254/latest', 'http://10.0.0.7/', 'http://[::1]/']) {
      const refused = await post(strict, { type: 'webhook', url, events: ['key.revoked'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.message).toContain('KEYGUARD_ALLOW_PRIVATE_WEBHOOKS=true');
    }
  });

  it('is for team admins only', async () => {
    expect((await api.call('GET', '/api/v1/notification-channels', { key: member })).status).toBe(403);
    expect(
      (await api.call('POST', '/api/v1/notification-channels', { key: member, body: { type: 'webhook', url: 'http://127.0.0.1:9/', events: ['key.revoked'] } }))
        .status,
    ).toBe(403);
  });
});

describe('alert settings', () => {
  it('security contacts and the digest window (unset until an admin sets it; null goes back to the operator default)', async () => {
    const before = await api.call('GET', '/api/v1/settings');
    expect(before.body).toMatchObject({ securityContacts: [], digestWindowMs: null, digestWindowDefaultMs: 120_000, relayThirdPartyTokens: false });
    const set = await api.call('PATCH', '/api/v1/settings', {
      body: { securityContacts: ['Sec@Example.test', 'sec@example.test', 'soc@example.test'], digestWindowMs: 600_000 },
    });
    expect(set.body).toMatchObject({ securityContacts: ['sec@example.test', 'soc@example.test'], digestWindowMs: 600_000 });
    expect((await api.call('PATCH', '/api/v1/settings', { body: { securityContacts: ['not an email'] } })).status).toBe(400);
    expect((await api.call('PATCH', '/api/v1/settings', { body: { digestWindowMs: 10 } })).status).toBe(400);
    expect((await api.call('PATCH', '/api/v1/settings', { body: { digestWindowMs: null } })).body).toMatchObject({
      digestWindowMs: null,
      securityContacts: ['sec@example.test', 'soc@example.test'],
    });
  });

  it('turning relayThirdPartyTokens on explains what it does and needs confirm', async () => {
    const asked = await api.call('PATCH', '/api/v1/settings', { body: { relayThirdPartyTokens: true } });
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({ error: 'CONFIRM_RELAY' });
    expect(asked.body.message).toContain('GitHub revokes them at once');
    expect((await api.call('GET', '/api/v1/settings')).body.relayThirdPartyTokens).toBe(false);
    const on = await api.call('PATCH', '/api/v1/settings', { body: { relayThirdPartyTokens: true, confirm: true } });
    expect(on.body.relayThirdPartyTokens).toBe(true);
    expect((await api.call('PATCH', '/api/v1/settings', { body: { relayThirdPartyTokens: false } })).body.relayThirdPartyTokens).toBe(false);
  });
});

describe('without an encryption key', () => {
  it('answers 409 naming the missing setting (an operator must set it)', async () => {
    const bare = await startApi({ KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: 'true' });
    try {
      const answer = await bare.call('POST', '/api/v1/notification-channels', {
        body: { type: 'webhook', url: 'http://127.0.0.1:9/', events: ['key.revoked'] },
      });
      expect(answer).toMatchObject({ status: 409, body: { error: 'channels_unavailable' } });
      expect(answer.body.message).toContain('KEYGUARD_CHANNEL_ENCRYPTION_KEY');
    } finally {
      await bare.stop();
    }
  });
});
