import { createHash } from 'node:crypto';
import { mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyState } from '@keyguard/events';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyTable, DISABLED, ENABLED, REVOKED } from '../src/key-table.js';
import { openRevokedLog } from '../src/revoked-log.js';

const digest = (s: string) => createHash('sha256').update(s).digest('binary');
const state = (over: Partial<KeyState> = {}): KeyState => ({
  keyId: 'key_1',
  teamId: 'team_1',
  ownerId: 'usr_1',
  ownerEmail: 'o@example.test',
  status: 'enabled',
  expiresAt: null,
  exposed: false,
  version: 1,
  changedAt: new Date().toISOString(),
  ...over,
});

describe('key table', () => {
  it('keeps the highest version of each key, whatever order records arrive in', () => {
    const t = createKeyTable(2);
    const d = digest('a');
    expect(t.apply(d, state({ version: 2, status: 'disabled' }))).toBe('applied');
    expect(t.apply(d, state({ version: 1 }))).toBe('stale');
    expect(t.status(t.slotOf(d))).toBe(DISABLED);
    expect(t.apply(d, state({ version: 3, exposed: true }))).toBe('applied');
    expect(t.status(t.slotOf(d))).toBe(ENABLED);
    expect(t.exposed(t.slotOf(d))).toBe(true);
    expect(t.slotOf(digest('unknown'))).toBe(-1);
  });

  it('grows past its capacity and shares one owner between keys', () => {
    const t = createKeyTable(16);
    for (let i = 0; i < 1000; i++) t.apply(digest(`k${i}`), state({ keyId: `key_${i}`, expiresAt: i % 2 ? new Date(86_400_000).toISOString() : null }));
    expect(t.size()).toBe(1000);
    expect(t.owners()).toBe(1);
    const slot = t.slotOf(digest('k999'));
    expect(t.keyId(slot)).toBe('key_999');
    expect(t.expiresAt(slot)).toBe(86_400_000);
    expect(Number.isNaN(t.expiresAt(t.slotOf(digest('k998'))))).toBe(true);
    expect(t.owner(slot)).toBe(t.owner(t.slotOf(digest('k0'))));
  });

  it('finds each of many keys whose digests start alike, and no other (probing past collisions)', () => {
    const t = createKeyTable(16);
    // The same first four bytes: every one of these lands on the same bucket first.
    const alike = (s: string) => `\u00ab\u00cd\u0001\u0002${digest(s).slice(4)}`;
    for (let i = 0; i < 300; i++) t.apply(alike(`c${i}`), state({ keyId: `key_c${i}`, version: i + 1 }));
    expect(t.size()).toBe(300);
    for (let i = 0; i < 300; i++) {
      const slot = t.slotOf(alike(`c${i}`));
      expect(t.keyId(slot)).toBe(`key_c${i}`);
      expect(t.version(slot)).toBe(i + 1);
    }
    expect(t.slotOf(alike('not there'))).toBe(-1);
    expect(t.apply(alike('c7'), state({ keyId: 'key_c7', version: 1 }))).toBe('stale');
    expect(t.size()).toBe(300);
  });

  it('keeps every state and key id as it grows, and answers -1 for what is not a digest', () => {
    const t = createKeyTable(16);
    const d = digest('first');
    t.apply(d, state({ keyId: 'key_first', status: 'disabled', exposed: true, version: 7 }));
    for (let i = 0; i < 5000; i++) t.apply(digest(`g${i}`), state({ keyId: `key_${'é'.repeat(i % 5)}${i}` }));
    const slot = t.slotOf(d);
    expect([t.keyId(slot), t.status(slot), t.exposed(slot), t.version(slot)]).toEqual(['key_first', DISABLED, true, 7]);
    expect(t.keyId(t.slotOf(digest('g4999')))).toBe('key_éééé4999');
    expect(t.slotOf('too short')).toBe(-1);
  });

  it('takes a new key id for a known digest', () => {
    const t = createKeyTable();
    const d = digest('renamed');
    t.apply(d, state({ keyId: 'key_old', version: 1 }));
    t.apply(d, state({ keyId: 'key_a_longer_new_one', version: 2 }));
    expect(t.keyId(t.slotOf(d))).toBe('key_a_longer_new_one');
  });

  it('never turns a key it saw revoked back, not even by a newer record', () => {
    const t = createKeyTable();
    const d = digest('r');
    expect(t.apply(d, state({ version: 1, status: 'revoked' }))).toBe('revoked');
    expect(t.apply(d, state({ version: 2, status: 'enabled' }))).toBe('applied');
    expect(t.status(t.slotOf(d))).toBe(REVOKED);
  });

  it('starts from the revoked log: a key remembered as revoked is refused before any record arrives', () => {
    const t = createKeyTable();
    const d = digest('remembered');
    t.markRevoked(d);
    expect(t.status(t.slotOf(d))).toBe(REVOKED);
    t.apply(d, state({ version: 9, status: 'enabled' }));
    expect(t.status(t.slotOf(d))).toBe(REVOKED);
  });
});

describe('revoked log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-revoked-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('appends digests and reads them back, ignoring a torn last write', () => {
    const file = join(dir, 'nested', 'topic.revoked');
    const log = openRevokedLog(file);
    expect(log.load()).toEqual([]);
    log.append([digest('a'), digest('b')]);
    log.append([digest('c')]);
    appendFileSync(file, Buffer.from([1, 2, 3]));
    expect(log.load()).toEqual([digest('a'), digest('b'), digest('c')]);
  });
});
