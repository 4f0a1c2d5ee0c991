import { contextRule } from '../context-rule.js';

export const mistralApiKey = contextRule({
  id: 'mistral-api-key',
  description: 'Mistral AI API key (with "mistral" nearby)',
  provider: 'mistral',
  names: ['mistral'],
  value: '[A-Za-z0-9]{32}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.alnum(32)],
  nearMisses: (g) => [`mistral_model: ${g.alnum(12)}`],
});
