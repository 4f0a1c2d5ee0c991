import { describe, expect, it } from 'vitest';
import { canCreateKey, canGovernKeyOf, canGrant, canUndoDisable, isAdmin, outranking } from '../src/domain/access.js';
import { decodeCursor, encodeCursor } from '../src/domain/cursor.js';
import { expiredIfCreatedBefore, expiryFor } from '../src/domain/expiry.js';

describe('access', () => {
  it('admins govern the team; members only themselves', () => {
    expect(isAdmin('member')).toBe(false);
    expect(isAdmin('team_admin')).toBe(true);
    expect(isAdmin('super_admin')).toBe(true);
    expect(canGrant('team_admin', 'member')).toBe(true);
    expect(canGrant('team_admin', 'super_admin')).toBe(false);
    expect(canGrant('super_admin', 'super_admin')).toBe(true);
    expect(canGrant('member', 'member')).toBe(false);
    expect(canCreateKey('member', false)).toBe(false);
    expect(canCreateKey('member', true)).toBe(true);
    expect(canCreateKey('team_admin', false)).toBe(true);
  });

  it("respects the role hierarchy: a team admin never governs a super admin's keys; only the as-senior undo a disable", () => {
    const su = { id: 'u1', role: 'super_admin' as const };
    const ta = { id: 'u2', role: 'team_admin' as const };
    const m = { id: 'u3', role: 'member' as const };
    expect(canGovernKeyOf(ta, su)).toBe(false);
    expect(canGovernKeyOf(ta, { id: 'u4', role: 'team_admin' })).toBe(true);
    expect(canGovernKeyOf(ta, m)).toBe(true);
    expect(canGovernKeyOf(su, { id: 'u5', role: 'super_admin' })).toBe(true);
    expect(canGovernKeyOf(m, { id: 'u6', role: 'member' })).toBe(false);
    expect(canGovernKeyOf(m, m)).toBe(true);
    expect(outranking('team_admin')).toEqual(['super_admin']);
    expect(outranking('super_admin')).toEqual([]);
    expect(canUndoDisable('member', 'team_admin')).toBe(false);
    expect(canUndoDisable('team_admin', 'super_admin')).toBe(false);
    expect(canUndoDisable('member', 'member')).toBe(true);
    expect(canUndoDisable('super_admin', 'team_admin')).toBe(true);
  });
});

describe('expiry', () => {
  const created = new Date('2026-01-01T00:00:00Z');
  it('the team setting overrides what the user asked for', () => {
    expect(expiryFor(created, 30, new Date('2027-01-01T00:00:00Z'))).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(expiryFor(created, null, null)).toBeNull();
    expect(expiryFor(created, null, new Date('2027-01-01T00:00:00Z'))).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
  it('knows which keys an N-day expiry expires at once', () => {
    expect(expiredIfCreatedBefore(new Date('2026-02-01T00:00:00Z'), 30)).toEqual(new Date('2026-01-02T00:00:00Z'));
  });
});

describe('cursor', () => {
  it('round-trips and rejects what it did not make', () => {
    expect(decodeCursor(encodeCursor(150))).toBe(150);
    expect(decodeCursor(undefined)).toBe(0);
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('{"o":-1}').toString('base64url'))).toBeNull();
  });
});
