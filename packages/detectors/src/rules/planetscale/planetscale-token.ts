import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const planetscaleToken = tokenRule({
  id: 'planetscale-token',
  description: 'PlanetScale service token or OAuth token',
  provider: 'planetscale',
  keywords: ['pscale_tkn_', 'pscale_oauth_'],
  token: 'pscale_(?:tkn|oauth)_[A-Za-z0-9_=.-]{32,64}',
  left: LEFT_WORD,
  right: '(?![A-Za-z0-9_=.-])',
  entropy: 3.5,
  samples: (g) => [`pscale_tkn_${g.base64url(43)}`, `pscale_oauth_${g.base64url(43)}`],
  nearMisses: (g) => [`pscale_tkn_${g.base64url(20)}`],
});
