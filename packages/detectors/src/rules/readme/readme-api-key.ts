import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const readmeApiKey = tokenRule({
  id: 'readme-api-key',
  description: 'ReadMe API key',
  provider: 'readme',
  keywords: ['rdme_'],
  token: 'rdme_[a-z0-9]{70}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`rdme_${g.chars(ALPHABETS.base36, 70)}`],
  nearMisses: (g) => [`rdme_${g.chars(ALPHABETS.base36, 60)}`],
});
