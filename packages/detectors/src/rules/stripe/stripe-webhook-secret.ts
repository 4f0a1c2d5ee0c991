import { RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const stripeWebhookSecret = tokenRule({
  id: 'stripe-webhook-secret',
  description: 'Stripe (or Svix) webhook signing secret',
  provider: 'stripe',
  keywords: ['whsec_'],
  token: 'whsec_[A-Za-z0-9+/]{32,88}={0,2}',
  right: RIGHT_BASE64,
  samples: (g) => [`whsec_${g.alnum(32)}`, `whsec_${g.chars(ALPHABETS.base64, 43)}=`],
  nearMisses: (g) => [`whsec_${g.alnum(20)}`],
});
