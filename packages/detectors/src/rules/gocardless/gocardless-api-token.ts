import { contextRule } from '../context-rule.js';

export const gocardlessApiToken = contextRule({
  id: 'gocardless-api-token',
  description: 'GoCardless access token (with "gocardless" nearby)',
  provider: 'gocardless',
  names: ['gocardless'],
  value: 'live_[A-Za-z0-9_=-]{40}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [`live_${g.base64url(40)}`],
  nearMisses: (g) => [`gocardless_env: live_${g.base64url(10)}`],
});
