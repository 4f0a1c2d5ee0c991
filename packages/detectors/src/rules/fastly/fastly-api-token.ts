import { contextRule } from '../context-rule.js';

export const fastlyApiToken = contextRule({
  id: 'fastly-api-token',
  description: 'Fastly API token (with "fastly" nearby)',
  provider: 'fastly',
  names: ['fastly'],
  value: '[A-Za-z0-9_-]{32}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.base64url(32)],
  nearMisses: (g) => [`fastly_service: ${g.base64url(20)}`],
});
