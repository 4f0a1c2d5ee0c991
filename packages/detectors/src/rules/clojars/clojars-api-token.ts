import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const clojarsApiToken = tokenRule({
  id: 'clojars-api-token',
  description: 'Clojars deploy token',
  provider: 'clojars',
  keywords: ['CLOJARS_'],
  token: 'CLOJARS_[a-z0-9]{60}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`CLOJARS_${g.chars(ALPHABETS.base36, 60)}`],
  nearMisses: (g) => [`CLOJARS_${g.chars(ALPHABETS.base36, 59)}`],
});
