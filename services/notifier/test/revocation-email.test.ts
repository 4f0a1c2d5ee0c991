import { describe, expect, it } from 'vitest';
import { revocationEmail } from '../src/domain/revocation-email.js';

const payload = {
  keyId: 'key_1',
  teamId: 'team_1',
  name: 'Deploy key',
  preview: 'PMAK-…a1b2',
  owner: { id: 'usr_1', name: 'Ada', email: 'ada@example.test' },
  reason: 'exposure_auto' as const,
  actor: { type: 'system' as const, id: 'policy' },
  revokedAt: '2026-11-26T10:00:01.000Z',
  exposure: {
    detectedAt: '2026-11-26T10:00:00.000Z',
    locations: [{ source: 'github' as const, kind: 'commit', url: 'https://github.com/o/r/blob/abc/.env#L3', repository: 'o/r', path: '.env', line: 3, commit: 'abcdef1234567890' }],
  },
};

describe('revocationEmail', () => {
  it('tells the owner which key, why, where it was exposed, when, and what to do next', () => {
    const email = revocationEmail(payload, 'http://127.0.0.1:8080/');
    expect(email.to).toBe('ada@example.test');
    expect(email.subject).toContain('Deploy key');
    expect(email.text).toContain('PMAK-…a1b2');
    expect(email.text).toContain('automatically revoked');
    expect(email.text).toContain('2026-11-26T10:00:00.000Z');
    expect(email.text).toContain('o/r, .env:3, commit abcdef123456');
    expect(email.text).toContain('What to do next');
    expect(email.text).toContain('http://127.0.0.1:8080/');
  });

  it('explains the other reasons', () => {
    expect(revocationEmail({ ...payload, reason: 'expired', exposure: null }, 'x').text).toContain('inactivity past its expiration date');
    expect(revocationEmail({ ...payload, reason: 'admin', exposure: null }, 'x').text).toContain('revoked by an admin');
    expect(revocationEmail({ ...payload, reason: 'deprovisioned', actor: { type: 'system', id: 'scim_1', name: 'SCIM: Okta' }, exposure: null }, 'x').text).toContain(
      'deactivated by your identity provider',
    );
  });
});
