import { contextRule } from '../context-rule.js';

export const netlifyAccessTokenLegacy = contextRule({
  id: 'netlify-access-token-legacy',
  description: 'Netlify access token, legacy format (with "netlify" nearby)',
  provider: 'netlify',
  names: ['netlify'],
  value: '[A-Za-z0-9_-]{40,46}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.base64url(43)],
  nearMisses: (g) => [`netlify_site: ${g.base64url(20)}`],
});
