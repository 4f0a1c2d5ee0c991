import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const scalingoApiToken = tokenRule({
  id: 'scalingo-api-token',
  description: 'Scalingo API token',
  provider: 'scalingo',
  keywords: ['tk-us-'],
  token: 'tk-us-[A-Za-z0-9_-]{48}',
  left: LEFT_WORD,
  entropy: 4,
  samples: (g) => [`tk-us-${g.base64url(48)}`],
  nearMisses: (g) => [`tk-us-${g.base64url(47)}`],
});
