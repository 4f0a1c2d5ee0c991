import { contextRule } from '../context-rule.js';

export const oktaApiToken = contextRule({
  id: 'okta-api-token',
  description: 'Okta API token (with "okta" nearby)',
  provider: 'okta',
  names: ['okta'],
  value: '00[A-Za-z0-9_-]{40}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [`00${g.base64url(40)}`],
  nearMisses: (g) => [`okta_domain: 00${g.base64url(10)}`],
});
