import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const dynatraceApiToken = tokenRule({
  id: 'dynatrace-api-token',
  description: 'Dynatrace API token',
  provider: 'dynatrace',
  keywords: ['dt0c01.'],
  token: 'dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  entropy: 3.5,
  samples: (g) => [`dt0c01.${g.chars(ALPHABETS.upperAlnum, 24)}.${g.chars(ALPHABETS.upperAlnum, 64)}`],
  nearMisses: (g) => [`dt0c01.${g.chars(ALPHABETS.upperAlnum, 24)}.${g.chars(ALPHABETS.upperAlnum, 60)}`],
});
