import { contextRule } from '../context-rule.js';

export const codecovToken = contextRule({
  id: 'codecov-token',
  description: 'Codecov upload token (with "codecov" nearby)',
  provider: 'codecov',
  names: ['codecov'],
  value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  samples: (g) => [g.uuid()],
  nearMisses: (g) => [`codecov_flags: ${g.uuid().slice(0, 12)}`],
});
