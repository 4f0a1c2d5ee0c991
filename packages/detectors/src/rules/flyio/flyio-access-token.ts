import { LEFT_WORD, RIGHT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const flyioAccessToken = tokenRule({
  id: 'flyio-access-token',
  description: 'Fly.io access token',
  provider: 'flyio',
  keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
  token: '(?:fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,2000}={0,3}|fm2_[A-Za-z0-9+/]{100,2000}={0,3})',
  left: LEFT_WORD,
  right: RIGHT_BASE64,
  window: { after: 2100 },
  samples: (g) => [`fo1_${g.base64url(43)}`, `fm2_${g.chars(ALPHABETS.base64, 300)}==`],
  nearMisses: (g) => [`fo1_${g.base64url(30)}`, `fm2_${g.chars(ALPHABETS.base64, 60)}`],
});
