import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const squareOauthSecret = tokenRule({
  id: 'square-oauth-secret',
  description: 'Square OAuth application secret',
  provider: 'square',
  keywords: ['sq0csp-'],
  token: 'sq0csp-[A-Za-z0-9_-]{43}',
  left: LEFT_WORD,
  entropy: 4,
  samples: (g) => [`sq0csp-${g.base64url(43)}`],
  nearMisses: (g) => [`sq0csp-${g.base64url(42)}`],
});
