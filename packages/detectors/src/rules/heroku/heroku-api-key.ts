import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const herokuApiKey: Rule = {
  id: 'heroku-api-key',
  description: 'Heroku API key (HRKU- format)',
  provider: 'heroku',
  keywords: ['HRKU-AA'],
  pattern: pattern(LEFT_TOKEN, 'HRKU-AA[0-9A-Za-z_-]{58}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`HRKU-AA${g.base64url(58)}`],
    falsePositives: (g) => [`HRKU-AA${g.base64url(57)}`, `HRKU-AA${'0'.repeat(58)}`],
  },
};
