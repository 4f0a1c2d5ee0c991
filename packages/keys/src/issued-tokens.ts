import { randomInt } from 'node:crypto';
import { githubChecksum, SCIM_TOKEN_PREFIX, SERVICE_TOKEN_PREFIX } from '@keyguard/detectors';
import { hashApiKey } from './key-material.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface IssuedToken {
  /** The full token: shown once, never stored. */
  raw: string;
  /** Hex SHA-256 of `raw`: what is stored and looked up. */
  hash: string;
  /** `kgst_…a1b2`: prefix and last four characters. */
  preview: string;
}

/**
 * A machine credential in the format our own detectors recognise (`keyguard-service-token`,
 * `keyguard-scim-token`): prefix + 30 base62 characters from the CSPRNG + their CRC-32 in
 * base62, so a leaked one is found and checked offline like a GitHub token.
 */
function issue(prefix: string): IssuedToken {
  let random = '';
  for (let i = 0; i < 30; i++) random += BASE62[randomInt(62)];
  const raw = `${prefix}${random}${githubChecksum(random)}`;
  return { raw, hash: hashApiKey(raw), preview: `${prefix}…${raw.slice(-4)}` };
}

/** A service token (`kgst_…`), e.g. with scope `keys:verify`. */
export const issueServiceToken = (): IssuedToken => issue(SERVICE_TOKEN_PREFIX);
/** A SCIM API key (`kgscim_…`): the identity provider's bearer token. */
export const issueScimToken = (): IssuedToken => issue(SCIM_TOKEN_PREFIX);

export const isServiceTokenFormat = (value: string): boolean => value.startsWith(SERVICE_TOKEN_PREFIX) && value.length === SERVICE_TOKEN_PREFIX.length + 36;
export const isScimTokenFormat = (value: string): boolean => value.startsWith(SCIM_TOKEN_PREFIX) && value.length === SCIM_TOKEN_PREFIX.length + 36;
