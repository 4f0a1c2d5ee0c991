import { contextRule } from '../context-rule.js';

export const auth0ClientSecret = contextRule({
  id: 'auth0-client-secret',
  description: 'Auth0 client secret (with "auth0" nearby)',
  provider: 'auth0',
  names: ['auth0'],
  value: '[A-Za-z0-9_-]{64}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.base64url(64)],
  nearMisses: (g) => [`auth0_domain: ${g.alnum(12)}.auth0.com`],
});
