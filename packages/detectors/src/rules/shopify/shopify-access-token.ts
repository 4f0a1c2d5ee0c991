import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const shopifyAccessToken: Rule = {
  id: 'shopify-access-token',
  description: 'Shopify access token (admin, custom app or private app)',
  provider: 'shopify',
  keywords: ['shpat_', 'shpca_', 'shppa_'],
  pattern: pattern(LEFT_WORD, 'shp(?:at|ca|pa)_[a-fA-F0-9]{32}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`shpat_${g.hex(32)}`, `shppa_${g.hex(32)}`],
    falsePositives: (g) => [`shpat_${g.hex(31)}`, `shpat_${'0'.repeat(32)}`],
  },
};
