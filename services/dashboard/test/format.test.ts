import { describe, expect, it } from 'vitest';
import { formatDate, formatRelative, locationLabel, plural, revocationText, safeHref, scanProgress, usedAfterExposure } from '../src/format';

describe('revocationText (the revoked tag tooltip)', () => {
  const revokedAt = '2026-11-20T10:00:00.000Z';

  it('names the admin who revoked the key and the date', () => {
    expect(revocationText({ status: 'revoked', revokedAt, revocation: { reason: 'admin', actor: { type: 'user', id: 'u1', name: 'Ada Admin' } } })).toBe(
      'Revoked by an admin (Ada Admin) on 20 Nov 2026',
    );
  });

  it('says when the key expired', () => {
    expect(revocationText({ status: 'revoked', revokedAt, revocation: { reason: 'expired', actor: { type: 'system', id: 'expiry-sweeper' } } })).toBe(
      'Revoked: past its expiration date on 20 Nov 2026',
    );
  });

  it('says when the key was revoked automatically on exposure', () => {
    expect(revocationText({ status: 'revoked', revokedAt, revocation: { reason: 'exposure_auto', actor: { type: 'system', id: 'policy' } } })).toBe(
      'Automatically revoked on exposure on 20 Nov 2026',
    );
  });

  it('falls back to the date alone', () => {
    expect(revocationText({ status: 'revoked', revokedAt, revocation: null })).toBe('Revoked on 20 Nov 2026');
  });
});

describe('usedAfterExposure', () => {
  it('flags a key used after it was detected in public', () => {
    expect(usedAfterExposure('2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z')).toBe(true);
  });
  it('does not flag a key last used before the detection, or never used', () => {
    expect(usedAfterExposure('2026-10-30T00:00:00Z', '2026-11-01T00:00:00Z')).toBe(false);
    expect(usedAfterExposure(null, '2026-11-01T00:00:00Z')).toBe(false);
  });
});

describe('dates', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('formats days in UTC', () => {
    expect(formatDate('2026-11-26T23:30:00Z')).toBe('26 Nov 2026');
    expect(formatDate(null)).toBe('—');
  });
  it('formats relative times', () => {
    expect(formatRelative('2026-11-26T11:57:00Z', now)).toBe('3 mins ago');
    expect(formatRelative('2026-11-24T12:00:00Z', now)).toBe('2 days ago');
    expect(formatRelative('2026-11-26T11:59:50Z', now)).toBe('Just now');
    expect(formatRelative(null, now)).toBe('Never');
  });
});

describe('locations', () => {
  it('labels repository files with their line', () => {
    expect(locationLabel({ source: 'github', url: 'https://github.com/acme/api/blob/abc/.env#L3', repository: 'acme/api', path: '.env', line: 3 })).toBe(
      'GitHub · acme/api · .env:3',
    );
  });
  it('labels Postman resources', () => {
    expect(locationLabel({ source: 'postman', url: 'https://www.postman.com/acme/workspace/w/collection/c', resourceType: 'collection' })).toBe(
      'Postman · public collection',
    );
  });
  it('links only http(s) urls', () => {
    expect(safeHref('https://github.com/acme')).toBe('https://github.com/acme');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
  });
});

it('pluralises counts', () => {
  expect(plural(1, 'key')).toBe('1 key');
  expect(plural(1200, 'key')).toBe('1,200 keys');
});

describe('scanProgress (recent scans)', () => {
  const job = (over: Partial<Parameters<typeof scanProgress>[0]> = {}) => ({
    kind: 'history' as const,
    status: 'running' as const,
    progress: { commits: 1204, bytes: 3_200_000 },
    counts: { exposures: 3, secrets: 2 },
    ...over,
  });

  it('says what a history scan has read and found', () => {
    expect(scanProgress(job())).toBe('1,204 commits · 3.2 MB · 2 secrets (3 places)');
    expect(scanProgress(job({ status: 'done', progress: { commits: 1, bytes: 0 }, counts: { exposures: 0, secrets: 0 } }))).toBe('1 commit · no secrets');
    expect(scanProgress(job({ status: 'queued', progress: { commits: 0, bytes: 0 }, counts: { exposures: 0, secrets: 0 } }))).toBe('');
  });

  it('counts only secrets for a Postman resource', () => {
    expect(scanProgress(job({ kind: 'resource', status: 'done', counts: { exposures: 1, secrets: 1 } }))).toBe('1 secret');
  });
});
