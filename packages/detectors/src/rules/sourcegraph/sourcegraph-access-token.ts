import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const sourcegraphAccessToken = tokenRule({
  id: 'sourcegraph-access-token',
  description: 'Sourcegraph access token',
  provider: 'sourcegraph',
  keywords: ['sgp_'],
  token: 'sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`sgp_${g.hex(16)}_${g.hex(40)}`, `sgp_${g.hex(40)}`],
  nearMisses: (g) => [`sgp_${g.hex(39)}`],
});
