import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const clickupApiToken = tokenRule({
  id: 'clickup-api-token',
  description: 'ClickUp personal API token',
  provider: 'clickup',
  keywords: ['pk_'],
  token: 'pk_[0-9]{6,10}_[A-Z0-9]{32}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 3.5,
  samples: (g) => [`pk_${g.digits(8)}_${g.chars(ALPHABETS.upperAlnum, 32)}`],
  nearMisses: (g) => [`pk_${g.digits(8)}_${g.chars(ALPHABETS.upperAlnum, 30)}`, `pk_live_${g.alnum(24)}`],
});
