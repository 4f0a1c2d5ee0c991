import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const stripeRestrictedKey: Rule = {
  id: 'stripe-restricted-key',
  description: 'Stripe restricted API key',
  provider: 'stripe',
  keywords: ['rk_live_', 'rk_test_'],
  pattern: pattern(LEFT_WORD, 'rk_(?:live|test)_[0-9A-Za-z]{24,99}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`rk_live_${g.alnum(24)}`, `rk_test_${g.alnum(60)}`],
    falsePositives: (g) => [`rk_live_${g.alnum(20)}`, `rk_live_${'a'.repeat(30)}`],
  },
};
