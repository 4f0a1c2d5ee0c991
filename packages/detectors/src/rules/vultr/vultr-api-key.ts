import { ALPHABETS } from '../../samples/generator.js';
import { contextRule } from '../context-rule.js';

export const vultrApiKey = contextRule({
  id: 'vultr-api-key',
  description: 'Vultr API key (with "vultr" nearby)',
  provider: 'vultr',
  names: ['vultr'],
  value: '[A-Z0-9]{36}',
  right: '(?![A-Za-z0-9_-])',
  entropy: 3.5,
  samples: (g) => [g.chars(ALPHABETS.upperAlnum, 36)],
  nearMisses: (g) => [`vultr_plan: ${g.chars(ALPHABETS.upperAlnum, 10)}`],
});
