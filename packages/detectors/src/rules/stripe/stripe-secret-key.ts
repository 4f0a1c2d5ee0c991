import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const stripeSecretKey: Rule = {
  id: 'stripe-secret-key',
  description: 'Stripe secret API key (live or test mode)',
  provider: 'stripe',
  keywords: ['sk_live_', 'sk_test_'],
  pattern: pattern(LEFT_WORD, 'sk_(?:live|test)_[0-9A-Za-z]{24,99}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`sk_live_${g.alnum(24)}`, `sk_test_${g.alnum(99)}`, `sk_live_51${g.alnum(97)}`],
    falsePositives: (g) => [
      `sk_live_${g.alnum(23)}`,
      // Stripe's API reference test key, built from parts
      ['sk', 'test', '4eC39HqLyjWDarjtT1zdp7dc'].join('_'),
      'sk_test_YOUR_SECRET_KEY_GOES_HERE_12345',
      `sk_live_${'0'.repeat(24)}`,
    ],
  },
};
