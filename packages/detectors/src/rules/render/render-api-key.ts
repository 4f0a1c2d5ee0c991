import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const renderApiKey = tokenRule({
  id: 'render-api-key',
  description: 'Render API key',
  provider: 'render',
  keywords: ['rnd_'],
  token: 'rnd_[A-Za-z0-9]{32}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 3.5,
  samples: (g) => [`rnd_${g.alnum(32)}`],
  nearMisses: (g) => [`rnd_${g.alnum(31)}`],
});
