import { hash, randomBytes } from 'node:crypto';

/** Postman's API key format: `PMAK-` + 24 hex + `-` + 34 hex (12 and 17 random bytes). */
export const API_KEY_PATTERN = /^PMAK-[0-9a-f]{24}-[0-9a-f]{34}$/;

export interface IssuedKey {
  /** The full key: shown to its owner once, never stored. */
  raw: string;
  /** Hex SHA-256 of `raw`: what is stored and looked up. */
  hash: string;
  preview: string;
}

/**
 * Hex SHA-256 of a key as presented: the same digest the scanners put in `tokenHash`.
 * One-shot `crypto.hash` (no Hash object per call): every authenticated request hashes its
 * credential, POST /keys/verify twice.
 */
export function hashApiKey(raw: string): string {
  return hash('sha256', raw, 'hex');
}

/** `PMAK-…a1b2`: the same redaction the detectors give a found key, so previews line up. */
export function previewOf(raw: string): string {
  return `PMAK-…${raw.slice(-4)}`;
}

export function isApiKeyFormat(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/** A new key from the CSPRNG. */
export function issueApiKey(): IssuedKey {
  const raw = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
  return { raw, hash: hashApiKey(raw), preview: previewOf(raw) };
}

/** Short random ids with a readable type prefix (`key_…`, `usr_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}
