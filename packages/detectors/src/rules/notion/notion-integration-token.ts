import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const notionIntegrationToken: Rule = {
  id: 'notion-integration-token',
  description: 'Notion integration token (ntn_)',
  provider: 'notion',
  keywords: ['ntn_'],
  pattern: pattern(LEFT_WORD, 'ntn_[0-9]{11}[A-Za-z0-9]{35}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`ntn_${g.digits(11)}${g.alnum(35)}`],
    falsePositives: (g) => [`ntn_${g.digits(11)}${g.alnum(30)}`, `ntn_${g.alnum(46)}x`],
  },
};
