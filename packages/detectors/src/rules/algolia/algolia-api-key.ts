import { contextRule } from '../context-rule.js';

export const algoliaApiKey = contextRule({
  id: 'algolia-api-key',
  description: 'Algolia admin or write API key (with "algolia" nearby)',
  provider: 'algolia',
  names: ['algolia'],
  value: '[a-f0-9]{32}',
  right: '(?![A-Za-z0-9_-])',
  samples: (g) => [g.hex(32)],
  nearMisses: (g) => [`algolia_index: ${g.hex(12)}`],
});
