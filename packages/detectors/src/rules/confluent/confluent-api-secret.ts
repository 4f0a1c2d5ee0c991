import { ALPHABETS } from '../../samples/generator.js';
import { contextRule } from '../context-rule.js';

export const confluentApiSecret = contextRule({
  id: 'confluent-api-secret',
  description: 'Confluent Cloud API secret (with "confluent" nearby)',
  provider: 'confluent',
  names: ['confluent'],
  value: '[A-Za-z0-9+/]{64}',
  right: '(?![A-Za-z0-9+/=_-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.chars(ALPHABETS.base64, 64)],
  nearMisses: (g) => [`confluent_cluster = ${g.alnum(40)}`],
});
