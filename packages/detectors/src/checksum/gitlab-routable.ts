import { base36 } from './base-n.js';
import { crc32 } from './crc32.js';

/**
 * GitLab routable tokens: `prefix + base64url(...) + "." [+ "01."] + base36(len, 2) + crc`,
 * where len is the length of the base64url part and crc is CRC-32 of everything before it,
 * in base36, padded to 7.
 */
const SHAPE = /^(?<head>[A-Za-z0-9]+-(?:t\d_)?)(?<payload>[0-9A-Za-z_-]+)\.(?<version>01\.)?(?<len>[0-9a-z]{2})(?<crc>[0-9a-z]{7})$/;

export function gitlabRoutableChecksum(beforeCrc: string): string {
  return base36(crc32(beforeCrc), 7);
}

export function verifyGitlabRoutableToken(token: string): boolean {
  const m = SHAPE.exec(token);
  if (!m?.groups) return false;
  const { payload, len, crc } = m.groups as { payload: string; len: string; crc: string };
  if (Number.parseInt(len, 36) !== payload.length) return false;
  return gitlabRoutableChecksum(token.slice(0, -7)) === crc;
}
