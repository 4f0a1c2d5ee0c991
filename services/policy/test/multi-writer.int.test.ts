import { readAll } from '@keyguard/testkit/bus';
import { eventually } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyHarness, startPolicy } from './support.js';

/**
 * The multi-writer path: policy on a store that takes concurrent writers (FerretDB storing in
 * PostgreSQL, which `KEYGUARD_TEST_MULTI_WRITER=true npm test` starts as MONGODB_PG_URI with Debian's PostgreSQL):
 * batches of several partitions and their revocations run side by side, and still every key
 * is revoked, audited and announced exactly once.
 */
describe.skipIf(!process.env.MONGODB_PG_URI)('policy with concurrent writers (FerretDB on PostgreSQL)', () => {
  let h: PolicyHarness;
  beforeAll(async () => {
    h = await startPolicy({ MONGODB_CONCURRENT_WRITERS: 'true' }, { mongoUri: process.env.MONGODB_PG_URI! });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('revokes each exposed key once while partitions are handled side by side, however often redelivered', async () => {
    const ready = (await fetch(`http://127.0.0.1:${h.running.metricsPort}/readyz`).then((r) => r.json())) as { checks: { mongodb: unknown } };
    expect(ready.checks.mongodb).toEqual({
      ready: true,
      server: 'ferretdb',
      storage: 'postgresql',
      concurrentWriters: true,
      idLists: 'each',
      valueLists: 'each',
    });
    const owner = await h.team({ autoRevokeExposed: true });
    const keys = await Promise.all(Array.from({ length: 40 }, () => h.key(owner)));
    const events = await Promise.all(keys.map((k) => h.expose(k.raw)));
    await Promise.all(events.map((e) => h.redeliver(e)));

    await eventually(
      async () =>
        (await h.store.collections.apiKeys.countDocuments({ teamId: owner.teamId, status: 'revoked', revocationPending: { $exists: false } })) ===
          keys.length || undefined,
      { what: 'every key revoked and finished', timeoutMs: 30_000 },
    );
    const audits = await h.store.collections.auditLog.find({ teamId: owner.teamId, action: 'key.revoked' }).toArray();
    expect(audits).toHaveLength(keys.length);
    const revokedEvents = (await readAll(h.kafka, h.topics.keyEvents))
      .map((m) => m.json as { type: string; payload: { keyId: string } })
      .filter((e) => e.type === 'key.revoked');
    expect(new Set(revokedEvents.map((e) => e.payload.keyId)).size).toBe(keys.length);
    expect(revokedEvents).toHaveLength(keys.length);
  });
});
