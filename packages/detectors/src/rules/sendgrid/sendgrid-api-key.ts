import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const sendgridApiKey: Rule = {
  id: 'sendgrid-api-key',
  description: 'SendGrid API key',
  provider: 'sendgrid',
  keywords: ['SG.'],
  pattern: pattern(LEFT_TOKEN, 'SG\\.[0-9A-Za-z_-]{22}\\.[0-9A-Za-z_-]{43}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 4,
  samples: {
    truePositives: (g) => [`SG.${g.base64url(22)}.${g.base64url(43)}`],
    falsePositives: (g) => [`SG.${g.base64url(22)}.${g.base64url(42)}`, `SG.${'x'.repeat(22)}.${'x'.repeat(43)}`, 'SG.API_KEY'],
  },
};
