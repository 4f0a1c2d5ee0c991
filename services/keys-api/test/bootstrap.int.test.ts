import { readAll } from '@keyguard/testkit/bus';
import { hashApiKey } from '@keyguard/keys';
import { randomPmak } from '@keyguard/testkit/keys';
import { describe, expect, it } from 'vitest';
import { startApi } from './support.js';

/** Every test here stops keys-api and starts it again against the same database: a real restart. */
describe('bootstrap admin key across restarts', () => {
  it('a revoked bootstrap key stays revoked after a restart (401), and earlier data is kept', async () => {
    const first = await startApi();
    const me = await first.call('GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect((await first.call('POST', `/api/v1/keys/${me.body.keyId}/revoke`)).body.status).toBe('revoked');
    expect((await first.call('GET', '/api/v1/me')).status).toBe(401);
    const usersBefore = await first.store.collections.users.countDocuments();
    await first.stop(false);

    const second = await startApi({}, { dbName: first.dbName, keyEvents: first.keyEvents, adminKey: first.adminKey });
    try {
      expect((await second.call('GET', '/api/v1/me')).status).toBe(401);
      const stored = await second.store.collections.apiKeys.findOne({ hash: hashApiKey(second.adminKey) });
      expect(stored).toMatchObject({ _id: me.body.keyId, status: 'revoked', revocation: { reason: 'admin', actor: { type: 'user' } } });
      expect(await second.store.collections.users.countDocuments()).toBe(usersBefore);
      expect(await second.store.collections.apiKeys.countDocuments({ hash: hashApiKey(second.adminKey) })).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('a disabled, an expired or an exposed bootstrap key is not re-enabled, cleared or un-expired by a restart', async () => {
    const first = await startApi();
    const keyId = (await first.call('GET', '/api/v1/me')).body.keyId as string;
    const expiresAt = new Date(Date.now() - 60_000);
    const exposure = { findingId: 'fnd_x', detectedAt: new Date(), locations: [] };
    await first.store.collections.apiKeys.updateOne({ _id: keyId }, { $set: { status: 'disabled', expiresAt, exposure } });
    await first.stop(false);

    const second = await startApi({}, { dbName: first.dbName, keyEvents: first.keyEvents, adminKey: first.adminKey });
    try {
      expect((await second.call('GET', '/api/v1/me')).status).toBe(401);
      const stored = await second.store.collections.apiKeys.findOne({ _id: keyId });
      expect(stored).toMatchObject({ status: 'disabled', expiresAt, exposure: { findingId: 'fnd_x' } });
    } finally {
      await second.stop();
    }
  });

  it('changing KEYGUARD_BOOTSTRAP_ADMIN_KEY revokes the earlier bootstrap key and creates the new one for the same admin', async () => {
    const first = await startApi();
    const old = (await first.call('GET', '/api/v1/me')).body;
    await first.stop(false);

    const newKey = randomPmak();
    const second = await startApi({}, { dbName: first.dbName, keyEvents: first.keyEvents, adminKey: newKey });
    try {
      expect((await second.call('GET', '/api/v1/me', { key: first.adminKey })).status).toBe(401);
      const now = await second.call('GET', '/api/v1/me');
      expect(now.status).toBe(200);
      expect(now.body).toMatchObject({ id: old.id, role: 'super_admin' });
      expect(now.body.keyId).not.toBe(old.keyId);
      const earlier = await second.call('GET', `/api/v1/keys/${old.keyId}`);
      expect(earlier.body).toMatchObject({ status: 'revoked', revocation: { reason: 'admin', actor: { type: 'system', id: 'bootstrap' } } });
      const events = (await readAll(second.kafka, second.keyEvents)).map((m) => m.json as { type: string; payload: { keyId: string } });
      expect(events.filter((e) => e.type === 'key.revoked' && e.payload.keyId === old.keyId)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
