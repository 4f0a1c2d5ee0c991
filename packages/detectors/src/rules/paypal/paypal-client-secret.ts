import { contextRule } from '../context-rule.js';

export const paypalClientSecret = contextRule({
  id: 'paypal-client-secret',
  description: 'PayPal REST client secret (with "paypal" nearby)',
  provider: 'paypal',
  names: ['paypal'],
  value: 'E[A-Za-z0-9_-]{79}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [`E${g.base64url(79)}`],
  nearMisses: (g) => [`paypal_client_id: A${g.base64url(79)}`],
});
