import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const frameioApiToken = tokenRule({
  id: 'frameio-api-token',
  description: 'Frame.io developer token',
  provider: 'frameio',
  keywords: ['fio-u-'],
  token: 'fio-u-[A-Za-z0-9_=-]{64}',
  left: LEFT_WORD,
  right: '(?![A-Za-z0-9_=-])',
  entropy: 4,
  samples: (g) => [`fio-u-${g.base64url(64)}`],
  nearMisses: (g) => [`fio-u-${g.base64url(63)}`],
});
