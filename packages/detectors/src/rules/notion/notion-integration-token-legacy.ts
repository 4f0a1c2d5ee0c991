import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** Older Notion internal-integration secrets: `secret_` + 43 base62. */
export const notionIntegrationTokenLegacy: Rule = {
  id: 'notion-integration-token-legacy',
  description: 'Notion internal integration secret (legacy secret_ format)',
  provider: 'notion',
  keywords: ['secret_'],
  pattern: pattern(LEFT_WORD, 'secret_[A-Za-z0-9]{43}', RIGHT_WORD),
  confidence: 'medium',
  entropy: 4,
  samples: {
    truePositives: (g) => [`secret_${g.alnum(43)}`],
    falsePositives: (g) => [`secret_${g.alnum(42)}`, 'secret_access_key_id_for_the_default_profile_x', `my_secret_${g.alnum(43)}`],
  },
};
