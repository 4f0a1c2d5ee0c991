import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const facebookAccessToken = tokenRule({
  id: 'facebook-access-token',
  description: 'Facebook / Meta Graph API access token',
  provider: 'facebook',
  keywords: ['EAAB', 'EAAC', 'EAAG', 'EAAI', 'EAAJ', 'EAAM', 'EAAY'],
  token: 'EAA[BCGIJMY][A-Za-z0-9]{100,400}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  window: { after: 420 },
  entropy: 4,
  samples: (g) => [`EAAB${g.alnum(180)}`, `EAAG${g.alnum(120)}`],
  nearMisses: (g) => [`EAAB${g.alnum(60)}`],
});
