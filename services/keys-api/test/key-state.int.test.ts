import { createPublisher } from '@keyguard/bus';
import { readAll, topicConfig, uniqueName } from '@keyguard/testkit/bus';
import { createEnvelope, KeyState } from '@keyguard/events';
import { eventually } from '@keyguard/testkit/keys';
import { hashApiKey, issueApiKey, newId } from '@keyguard/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, logger, startApi } from './support.js';

let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

/** Every state record of the key with this raw value, in the order the topic holds them. */
async function statesOf(topic: string, raw: string, atLeast = 1) {
  const hash = hashApiKey(raw);
  const read = await eventually(
    async () => {
      const all = await readAll(api.kafka, topic);
      const mine = all.filter((m) => m.key === hash);
      return mine.length >= atLeast && mine;
    },
    { what: `${atLeast} state record(s)` },
  );
  return read.map((m) => KeyState.parse(m.json));
}

describe('key state on keyguard.key-state.v1', () => {
  it('is a compacted topic', async () => {
    expect(await topicConfig(api.kafka, api.keyState)).toMatchObject({ 'cleanup.policy': 'compact' });
  });

  it('records create, disable, enable and revoke with a growing version, never the key itself', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'stateful' } });
    const raw = created.body.key as string;
    const id = created.body.id as string;
    await api.call('POST', `/api/v1/keys/${id}/disable`);
    await api.call('POST', `/api/v1/keys/${id}/enable`);
    await api.call('POST', `/api/v1/keys/${id}/revoke`);
    const states = await statesOf(api.keyState, raw, 4);
    expect(states.map((s) => [s.status, s.version])).toEqual([
      ['enabled', 1],
      ['disabled', 2],
      ['enabled', 3],
      ['revoked', 4],
    ]);
    const me = await api.call('GET', '/api/v1/me');
    expect(states[0]).toMatchObject({ keyId: id, teamId: 'team_default', ownerId: me.body.id, ownerEmail: me.body.email, expiresAt: null, exposed: false });
    const everything = await readAll(api.kafka, api.keyState);
    expect(everything.some((m) => m.value.includes(raw))).toBe(false);
    // Nothing is left waiting for the sweeper.
    expect(await api.store.collections.apiKeys.findOne({ _id: id })).toMatchObject({ stateVersion: 4, publishedVersion: 4 });
  });

  it('records a new expiry from the team setting, and the sweeper revoking the key', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'expiring' } });
    await api.store.collections.apiKeys.updateOne({ _id: created.body.id }, { $set: { createdAt: new Date(Date.now() - 3 * 86_400_000) } });
    const set = await api.call('PATCH', '/api/v1/settings', { body: { keyExpiryDays: 2, confirm: true } });
    expect(set.status).toBe(200);
    const states = await statesOf(api.keyState, created.body.key, 3);
    expect(states.at(-2)).toMatchObject({ status: 'enabled', expiresAt: expect.any(String) });
    expect(states.at(-1)).toMatchObject({ status: 'revoked' });
    await api.call('PATCH', '/api/v1/settings', { body: { keyExpiryDays: null } });
  });

  it('fills an empty topic from MongoDB at start-up (a database older than the topic)', async () => {
    const other = uniqueName('keyguard.key-state');
    // A key written straight to the database, the way keys existed before the topic.
    const material = issueApiKey();
    const me = await api.call('GET', '/api/v1/me');
    await api.store.collections.apiKeys.insertOne({
      _id: newId('key'),
      hash: material.hash,
      preview: material.preview,
      name: 'old key',
      teamId: 'team_default',
      createdBy: me.body.id,
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      status: 'disabled',
      revokedAt: null,
      revocation: null,
      exposure: null,
    });
    const second = await startApi({}, { dbName: api.dbName, keyEvents: api.keyEvents, adminKey: api.adminKey, keyState: other });
    try {
      const total = await api.store.collections.apiKeys.countDocuments();
      const read = await eventually(
        async () => {
          const all = await readAll(second.kafka, other);
          return new Set(all.map((m) => m.key)).size >= total && all;
        },
        { what: 'every key on the new topic' },
      );
      const old = read.find((m) => m.key === material.hash);
      expect(KeyState.parse(old!.json)).toMatchObject({ status: 'disabled', version: 0 });
      // The marker is written once the backfill's last batch is settled, a moment after its message is readable.
      await eventually(async () => (await second.store.collections.markers.countDocuments({ _id: `key-state-backfill:${other}` })) === 1, {
        what: 'the backfill marker',
      });
    } finally {
      await second.stop(false);
    }
  });
});

describe('key usage reported by verifiers', () => {
  it('moves lastUsedAt forward only, whatever order the reports arrive in', async () => {
    const created = await api.call('POST', '/api/v1/keys', { body: { name: 'used elsewhere' } });
    const id = created.body.id as string;
    const publisher = createPublisher(api.kafka, { logger });
    const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s)).toISOString();
    const report = (s: number) => ({
      key: id,
      value: createEnvelope(
        'key.used',
        { keyId: id, teamId: 'team_default', count: 3, firstUsedAt: at(s - 1), lastUsedAt: at(s), verifier: 'test' },
        { source: 'test' },
      ),
    });
    await publisher.publish(api.keyUsage, [report(10), report(30), report(20)]);
    await eventually(async () => (await api.call('GET', `/api/v1/keys/${id}`)).body.lastUsedAt === at(30), { what: 'lastUsedAt from the reports' });
    await publisher.publish(api.keyUsage, [report(5)]);
    await publisher.publish(api.keyUsage, [report(40)]);
    await eventually(async () => (await api.call('GET', `/api/v1/keys/${id}`)).body.lastUsedAt === at(40), { what: 'the later report' });
    await publisher.disconnect();
  });
});
