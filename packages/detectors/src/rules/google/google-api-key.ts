import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const googleApiKey: Rule = {
  id: 'google-api-key',
  description: 'Google Cloud / Maps / Firebase API key',
  provider: 'google',
  keywords: ['AIza'],
  pattern: pattern(LEFT_TOKEN, 'AIza[0-9A-Za-z_-]{35}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`AIza${g.base64url(35)}`, `AIzaSy${g.base64url(33)}`],
    falsePositives: (g) => [`AIza${g.base64url(34)}`, `AIza${g.base64url(36)}`, `AIzaSy${'X'.repeat(33)}`],
  },
};
