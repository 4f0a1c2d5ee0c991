import { base62 } from './base-n.js';
import { crc32 } from './crc32.js';

/**
 * GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens: a prefix, 30 base62 random
 * characters, then CRC-32 of those 30 characters (not the prefix) in base62, padded to 6.
 */
export function githubChecksum(random: string): string {
  return base62(crc32(random), 6);
}

/** True when the last 6 characters are the checksum of the 30 before them. */
export function verifyGithubStyleToken(token: string): boolean {
  const sep = token.indexOf('_');
  const body = token.slice(sep + 1);
  if (sep < 0 || body.length !== 36) return false;
  return githubChecksum(body.slice(0, 30)) === body.slice(30);
}
