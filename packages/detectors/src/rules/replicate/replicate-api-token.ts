import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const replicateApiToken = tokenRule({
  id: 'replicate-api-token',
  description: 'Replicate API token',
  provider: 'replicate',
  keywords: ['r8_'],
  token: 'r8_[A-Za-z0-9]{37}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 4,
  samples: (g) => [`r8_${g.alnum(37)}`],
  nearMisses: (g) => [`r8_${g.alnum(36)}`],
});
