import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const squareAccessToken = tokenRule({
  id: 'square-access-token',
  description: 'Square access token',
  provider: 'square',
  keywords: ['EAAA', 'sq0atp-'],
  token: '(?:EAAA[A-Za-z0-9_+=-]{60}|sq0atp-[A-Za-z0-9_-]{22})',
  left: LEFT_WORD,
  right: '(?![A-Za-z0-9_+=-])',
  entropy: 3.5,
  samples: (g) => [`EAAA${g.base64url(60)}`, `sq0atp-${g.base64url(22)}`],
  nearMisses: (g) => [`EAAA${g.base64url(40)}`],
});
