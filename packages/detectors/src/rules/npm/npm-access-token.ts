import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import { verifyGithubStyleToken } from '../../checksum/github-token.js';
import type { Rule } from '../../types.js';

/** npm granular/automation token: `npm_` + 30 base62 + CRC-32 checksum (GitHub's scheme). */
export const npmAccessToken: Rule = {
  id: 'npm-access-token',
  description: 'npm access token',
  provider: 'npm',
  keywords: ['npm_'],
  pattern: pattern(LEFT_WORD, 'npm_[0-9A-Za-z]{36}', RIGHT_WORD),
  confidence: 'high',
  checksum: verifyGithubStyleToken,
  samples: {
    truePositives: (g) => [g.githubToken('npm_'), g.githubToken('npm_')],
    falsePositives: (g) => [g.corruptLast(g.githubToken('npm_')), `npm_${g.alnum(36)}`, 'npm_config_registry_url_for_the_scope_x', `npm_${'0'.repeat(36)}`],
  },
};
