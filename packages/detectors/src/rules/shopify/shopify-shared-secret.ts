import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const shopifySharedSecret: Rule = {
  id: 'shopify-shared-secret',
  description: 'Shopify app shared secret',
  provider: 'shopify',
  keywords: ['shpss_'],
  pattern: pattern(LEFT_WORD, 'shpss_[a-fA-F0-9]{32}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`shpss_${g.hex(32)}`],
    falsePositives: (g) => [`shpss_${g.hex(33)}`],
  },
};
