import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const planetscalePassword = tokenRule({
  id: 'planetscale-password',
  description: 'PlanetScale database password',
  provider: 'planetscale',
  keywords: ['pscale_pw_'],
  token: 'pscale_pw_[A-Za-z0-9_=.-]{32,64}',
  left: LEFT_WORD,
  right: '(?![A-Za-z0-9_=.-])',
  entropy: 3.5,
  samples: (g) => [`pscale_pw_${g.base64url(43)}`],
  nearMisses: (g) => [`pscale_pw_${g.base64url(20)}`],
});
