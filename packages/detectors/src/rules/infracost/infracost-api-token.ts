import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const infracostApiToken = tokenRule({
  id: 'infracost-api-token',
  description: 'Infracost API token',
  provider: 'infracost',
  keywords: ['ico-'],
  token: 'ico-[A-Za-z0-9]{32}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  entropy: 3.5,
  samples: (g) => [`ico-${g.alnum(32)}`],
  nearMisses: (g) => [`ico-${g.alnum(31)}`],
});
