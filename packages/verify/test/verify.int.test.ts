import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readAll } from '@keyguard/testkit/bus';
import { KeyUsed } from '@keyguard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type Verifier, type VerifierOptions } from '../src/index.js';
import { logger, newKey, scratchDir, state, stateTopic, until } from './support.js';

const brokers = process.env.KAFKA_BROKERS!.split(',');
let t: Awaited<ReturnType<typeof stateTopic>>;
const dir = scratchDir();
const open: Verifier[] = [];

function verifier(options: Partial<VerifierOptions> = {}): Verifier {
  const v = createVerifier({ brokers, topic: t.topic, usageTopic: false, revokedFile: join(dir, `${t.topic}.revoked`), logger, ...options });
  open.push(v);
  return v;
}

beforeAll(async () => {
  t = await stateTopic(brokers);
});
afterAll(async () => {
  await Promise.all(open.map((v) => v.close()));
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the in-process verifier', () => {
  it('loads the topic, answers every code from memory with the API shape, and follows new records', async () => {
    const keys = { valid: newKey(), disabled: newKey(), revoked: newKey(), expired: newKey(), exposed: newKey() };
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const valid = state({ expiresAt: future });
    await t.putMany([
      [keys.valid, valid],
      [keys.disabled, state({ status: 'disabled', version: 2 })],
      [keys.revoked, state({ status: 'revoked', version: 3 })],
      [keys.expired, state({ expiresAt: new Date(Date.now() - 1000).toISOString() })],
      [keys.exposed, state({ exposed: true })],
    ]);
    const v = verifier();
    expect(v.verify(keys.valid).code).toBe('UNAVAILABLE'); // not caught up yet: it does not guess
    await v.ready();
    expect(v.verify(keys.valid)).toEqual({
      valid: true,
      code: 'VALID',
      keyId: valid.keyId,
      teamId: 'team_test',
      owner: { id: 'usr_test', email: 'owner@example.test' },
      expiresAt: future,
      exposed: false,
    });
    expect(v.verify(keys.disabled)).toMatchObject({ valid: false, code: 'DISABLED' });
    expect(v.verify(keys.revoked)).toMatchObject({ valid: false, code: 'REVOKED' });
    expect(v.verify(keys.expired)).toMatchObject({ valid: false, code: 'EXPIRED' });
    expect(v.verify(keys.exposed)).toMatchObject({ valid: true, code: 'VALID', exposed: true });
    expect(v.verify(newKey())).toEqual({ valid: false, code: 'NOT_FOUND', exposed: false });
    for (const junk of ['', 'x'.repeat(10_000), 42, null, undefined, { key: keys.valid }]) expect(v.verify(junk).code).toBe('NOT_FOUND');
    expect(JSON.stringify(v.verify(keys.valid))).not.toContain(keys.valid);
    expect(v.status()).toMatchObject({ ready: true, stale: false, keys: 5 });
    // keys-api's authentication hint: the key id by hex SHA-256, whatever the state.
    const hexOf = (raw: string) => createHash('sha256').update(raw).digest('hex');
    expect(v.keyIdOf(hexOf(keys.valid))).toBe(valid.keyId);
    expect(v.keyIdOf(hexOf(keys.revoked))).toEqual(expect.any(String));
    expect(v.keyIdOf(hexOf(newKey()))).toBeUndefined();
    expect(v.keyIdOf('not hex')).toBeUndefined();

    // A revocation arrives while it runs: refused as soon as the record is read.
    await t.put(keys.valid, { ...valid, status: 'revoked', version: 2 });
    await until(() => v.verify(keys.valid).code === 'REVOKED', 'the revocation to arrive');
    // A late, older record does not bring it back.
    await t.put(keys.valid, { ...valid, version: 1 });
    const fresh = newKey();
    await t.put(fresh, state());
    await until(() => v.verify(fresh).valid, 'a record written after the older one');
    expect(v.verify(keys.valid).code).toBe('REVOKED');
  });

  it('never answers VALID again for a key it once saw revoked, across its restarts, whatever a later record says', async () => {
    const raw = newKey();
    const s = state();
    await t.put(raw, s);
    const first = verifier();
    await first.ready();
    expect(first.verify(raw).valid).toBe(true);
    await t.put(raw, { ...s, status: 'revoked', version: 2 });
    await until(() => first.verify(raw).code === 'REVOKED', 'the revocation');
    await first.close();

    // The topic now claims the key is enabled again (say, a bootstrap key re-enabled).
    await t.put(raw, { ...s, status: 'enabled', version: 3 });
    const restarted = verifier();
    await restarted.ready();
    expect(restarted.verify(raw)).toMatchObject({ valid: false, code: 'REVOKED', keyId: s.keyId });

    // Even a topic whose history no longer holds the revocation (compacted away, or rebuilt)
    // cannot bring it back: the revoked log remembers it. Without the log, the key would pass.
    const rebuilt = await stateTopic(brokers);
    try {
      await rebuilt.put(raw, { ...s, status: 'enabled', version: 3 });
      const withLog = verifier({ topic: rebuilt.topic });
      const withoutLog = verifier({ topic: rebuilt.topic, revokedFile: false });
      await Promise.all([withLog.ready(), withoutLog.ready()]);
      expect(withLog.verify(raw).code).toBe('REVOKED');
      expect(withoutLog.verify(raw).code).toBe('VALID');
    } finally {
      await rebuilt.close();
    }
  });

  it('reports valid verifications at most once per key per second, losing no count', async () => {
    const [busy, quiet, revoked] = [newKey(), newKey(), newKey()];
    const busyState = state();
    await t.putMany([
      [busy, busyState],
      [quiet, state()],
      [revoked, state({ status: 'revoked' })],
    ]);
    const v = verifier({ usageTopic: t.usageTopic });
    await v.ready();
    const started = Date.now();
    let verified = 0;
    while (Date.now() - started < 2500) {
      for (let i = 0; i < 200; i++) {
        v.verify(busy);
        v.verify(revoked);
        verified += 1;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    v.verify(quiet);
    await v.close(); // flushes what is pending
    const reports = (await readAll(t.kafka, t.usageTopic)).map((m) => KeyUsed.parse(m.json).payload);
    const ofBusy = reports.filter((r) => r.keyId === busyState.keyId).sort((a, b) => a.firstUsedAt.localeCompare(b.firstUsedAt));
    expect(ofBusy.reduce((n, r) => n + r.count, 0)).toBe(verified);
    expect(ofBusy.length).toBeLessThanOrEqual(4); // 2.5 s of use, plus the flush at close
    for (let i = 1; i < ofBusy.length; i++) expect(Date.parse(ofBusy[i]!.firstUsedAt)).toBeGreaterThan(Date.parse(ofBusy[i - 1]!.lastUsedAt));
    expect(reports.filter((r) => r.count === 1)).toHaveLength(1); // the quiet key, once
    expect(reports.every((r) => r.teamId === 'team_test')).toBe(true);
    expect(reports.some((r) => JSON.stringify(r).includes(busy))).toBe(false);
  });
});
