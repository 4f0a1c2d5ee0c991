import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const newRelicUserApiKey = tokenRule({
  id: 'new-relic-user-api-key',
  description: 'New Relic user API key',
  provider: 'newrelic',
  keywords: ['NRAK-'],
  token: 'NRAK-[A-Z0-9]{27}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`NRAK-${g.chars(ALPHABETS.upperAlnum, 27)}`],
  nearMisses: (g) => [`NRAK-${g.chars(ALPHABETS.upperAlnum, 26)}`],
});
