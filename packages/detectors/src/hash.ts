import { createHash } from 'node:crypto';

/** Hex SHA-256 of the exact token: the only form of a secret that leaves the scanner. */
export function hashToken(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
