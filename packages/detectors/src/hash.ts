import { createHash, createHmac } from 'node:crypto';

/** Hex SHA-256 of the exact token: the only form of a secret that leaves the scanner. */
export function hashToken(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

/**
 * Hex HMAC-SHA256 of the token under a deployment's secret key: for secrets that may be
 * guessable (passwords), whose plain SHA-256 could be reversed offline by trying candidates.
 */
export function keyedHashToken(raw: string, key: string | Uint8Array): string {
  return createHmac('sha256', key).update(raw, 'utf8').digest('hex');
}

/**
 * How a rule's secrets are hashed and previewed:
 * - `sha256` (the default): plain SHA-256 and a preview with the last characters. For tokens
 *   with enough entropy that a hash cannot be reversed, and where a protocol or our own key
 *   lookup needs the plain hash (GitHub's feedback `token_hash`, the keys we issue).
 * - `keyed`: HMAC-SHA256 under the deployment's key and a preview with no character of the
 *   secret (a known public prefix at most). For passwords and other secrets a person chose.
 */
export type SecretHashing = 'sha256' | 'keyed';

/**
 * The hash a secret is reported under. Without a key (the CLI, whose reports stay with whoever
 * ran it) every rule hashes with plain SHA-256; a service always has one (KEYGUARD_HASH_KEY).
 */
export function tokenHashFor(raw: string, hashing: SecretHashing, key: string | Uint8Array | undefined): string {
  return hashing === 'keyed' && key !== undefined ? keyedHashToken(raw, key) : hashToken(raw);
}
