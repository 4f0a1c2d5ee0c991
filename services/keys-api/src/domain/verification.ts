import type { KeyStatus } from '@keyguard/store';

export type VerifyCode = 'VALID' | 'NOT_FOUND' | 'DISABLED' | 'REVOKED' | 'EXPIRED';

export interface Verification {
  valid: boolean;
  code: VerifyCode;
  keyId?: string;
  teamId?: string;
  owner?: { id: string; email: string };
  expiresAt?: string | null;
  exposed: boolean;
}

export const notFound: Verification = Object.freeze({ valid: false, code: 'NOT_FOUND', exposed: false });

/** What a key's stored state means for a verification at `now`. */
export function codeFor(status: KeyStatus, expiresAt: Date | null, now: Date): VerifyCode {
  if (status === 'revoked') return 'REVOKED';
  if (status === 'disabled') return 'DISABLED';
  if (expiresAt && expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'VALID';
}

/** The answer for one stored key (the store fallback of POST /keys/verify). */
export function verificationOf(
  key: { _id: string; teamId: string; createdBy: string; status: KeyStatus; expiresAt: Date | null; exposure: unknown },
  ownerEmail: string,
  now: Date,
): Verification {
  const code = codeFor(key.status, key.expiresAt, now);
  return {
    valid: code === 'VALID',
    code,
    keyId: key._id,
    teamId: key.teamId,
    owner: { id: key.createdBy, email: ownerEmail },
    expiresAt: key.expiresAt ? key.expiresAt.toISOString() : null,
    exposed: key.exposure != null,
  };
}
