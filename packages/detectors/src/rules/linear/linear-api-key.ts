import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const linearApiKey: Rule = {
  id: 'linear-api-key',
  description: 'Linear API key',
  provider: 'linear',
  keywords: ['lin_api_'],
  pattern: pattern(LEFT_WORD, 'lin_api_[A-Za-z0-9]{40}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`lin_api_${g.alnum(40)}`],
    falsePositives: (g) => [`lin_api_${g.alnum(39)}`, `lin_api_${'X'.repeat(40)}`],
  },
};
