import { contextRule } from '../context-rule.js';

export const cohereApiKey = contextRule({
  id: 'cohere-api-key',
  description: 'Cohere API key (with "cohere"/CO_API_KEY nearby)',
  provider: 'cohere',
  names: ['cohere', 'co_api_key'],
  value: '[A-Za-z0-9]{40}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.alnum(40)],
  nearMisses: (g) => [`cohere_model: ${g.alnum(12)}`],
});
