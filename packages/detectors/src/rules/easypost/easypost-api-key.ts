import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const easypostApiKey = tokenRule({
  id: 'easypost-api-key',
  description: 'EasyPost production or test API key',
  provider: 'easypost',
  keywords: ['EZAK', 'EZTK'],
  token: 'EZ[AT]K[A-Za-z0-9]{54}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  entropy: 4,
  samples: (g) => [`EZAK${g.alnum(54)}`, `EZTK${g.alnum(54)}`],
  nearMisses: (g) => [`EZAK${g.alnum(53)}`],
});
