import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import { verifyGithubStyleToken } from '../../checksum/github-token.js';
import type { Rule } from '../../types.js';

/**
 * The machine credentials Keyguard itself issues (documented in the repository README,
 * "Token formats"): a prefix, 30 base62 random characters and a 6-character CRC-32 checksum
 * in base62 — GitHub's scheme, so a look-alike is rejected offline and a leaked one is an
 * exposure like any other.
 */
export function keyguardToken(id: string, prefix: string, description: string): Rule {
  return {
    id,
    description,
    provider: 'keyguard',
    keywords: [prefix],
    pattern: pattern(LEFT_WORD, `${prefix}[0-9A-Za-z]{36}`, RIGHT_WORD),
    confidence: 'high',
    checksum: verifyGithubStyleToken,
    samples: {
      truePositives: (g) => [g.githubToken(prefix), g.githubToken(prefix)],
      falsePositives: (g) => [g.corruptLast(g.githubToken(prefix)), `${prefix}${g.alnum(35)}`, `${prefix}${'x'.repeat(36)}`, `a${g.githubToken(prefix)}`],
    },
  };
}

/** Prefix of a Keyguard service token (`keys:verify` and other machine scopes). */
export const SERVICE_TOKEN_PREFIX = 'kgst_';
/** Prefix of a Keyguard SCIM API key (the identity provider's bearer token). */
export const SCIM_TOKEN_PREFIX = 'kgscim_';

export const keyguardServiceToken = keyguardToken('keyguard-service-token', SERVICE_TOKEN_PREFIX, 'Keyguard service token');
export const keyguardScimToken = keyguardToken('keyguard-scim-token', SCIM_TOKEN_PREFIX, 'Keyguard SCIM API key');
