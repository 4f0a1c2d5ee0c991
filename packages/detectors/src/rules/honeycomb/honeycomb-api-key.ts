import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const honeycombApiKey = tokenRule({
  id: 'honeycomb-api-key',
  description: 'Honeycomb ingest or configuration API key',
  provider: 'honeycomb',
  keywords: ['hcaik_', 'hcxik_', 'hcamk_', 'hcxmk_'],
  token: 'hc[ax][im]k_[a-z0-9]{58}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`hcaik_${g.chars(ALPHABETS.base36, 58)}`],
  nearMisses: (g) => [`hcaik_${g.chars(ALPHABETS.base36, 50)}`],
});
