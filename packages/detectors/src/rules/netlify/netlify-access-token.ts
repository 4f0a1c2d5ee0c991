import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const netlifyAccessToken = tokenRule({
  id: 'netlify-access-token',
  description: 'Netlify personal access token',
  provider: 'netlify',
  keywords: ['nfp_'],
  token: 'nfp_[A-Za-z0-9]{36}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 3.5,
  samples: (g) => [`nfp_${g.alnum(36)}`],
  nearMisses: (g) => [`nfp_${g.alnum(30)}`],
});
