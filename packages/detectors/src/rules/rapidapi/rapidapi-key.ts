import { contextRule } from '../context-rule.js';

export const rapidapiKey = contextRule({
  id: 'rapidapi-key',
  description: 'RapidAPI key (with "rapidapi" nearby)',
  provider: 'rapidapi',
  names: ['rapidapi', 'x-rapidapi-key'],
  value: '[A-Za-z0-9_-]{50}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.base64url(50)],
  nearMisses: (g) => [`rapidapi_host: ${g.alnum(20)}`],
});
