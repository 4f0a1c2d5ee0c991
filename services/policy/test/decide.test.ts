import { describe, expect, it } from 'vitest';
import { decideKeyAction, toExposureRecord } from '../src/domain/decide.js';

describe('decideKeyAction', () => {
  it('revokes a live key when the team auto-revokes, marks it exposed otherwise, leaves a revoked key alone', () => {
    expect(decideKeyAction({ status: 'enabled' }, { autoRevokeExposed: true })).toBe('revoke');
    expect(decideKeyAction({ status: 'disabled' }, { autoRevokeExposed: true })).toBe('revoke');
    expect(decideKeyAction({ status: 'enabled' }, { autoRevokeExposed: false })).toBe('mark_exposed');
    expect(decideKeyAction({ status: 'enabled' }, undefined)).toBe('mark_exposed');
    expect(decideKeyAction({ status: 'revoked' }, { autoRevokeExposed: true })).toBe('none');
  });
});

describe('toExposureRecord', () => {
  it('carries the detection time onto the location as a Date', () => {
    const record = toExposureRecord({
      tokenHash: 'a'.repeat(64),
      ruleId: 'postman-api-key',
      redacted: 'PMAK-…abcd',
      confidence: 'high',
      detectedAt: '2026-11-26T10:00:00.000Z',
      location: { source: 'postman', kind: 'collection', url: 'https://www.postman.com/c/1' },
    });
    expect(record.location.detectedAt).toEqual(new Date('2026-11-26T10:00:00.000Z'));
    expect(record.tokenHash).toBe('a'.repeat(64));
  });
});
