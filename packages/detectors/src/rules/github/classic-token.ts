import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import { verifyGithubStyleToken } from '../../checksum/github-token.js';
import type { Rule } from '../../types.js';

/**
 * Shape shared by GitHub's classic token kinds: 4-character prefix, 30 base62 random characters
 * and a 6-character CRC-32 checksum, so a look-alike is rejected offline.
 */
export function classicGithubToken(id: string, prefix: string, description: string): Rule {
  return {
    id,
    description,
    provider: 'github',
    keywords: [prefix],
    pattern: pattern(LEFT_WORD, `${prefix}[0-9A-Za-z]{36}`, RIGHT_WORD),
    confidence: 'high',
    checksum: verifyGithubStyleToken,
    samples: {
      truePositives: (g) => [g.githubToken(prefix), g.githubToken(prefix)],
      falsePositives: (g) => [
        g.corruptLast(g.githubToken(prefix)),
        `${prefix}${g.alnum(36)}`,
        `${prefix}${g.alnum(35)}`,
        `${prefix}${'x'.repeat(36)}`,
        `a${g.githubToken(prefix)}`,
      ],
    },
  };
}
