import { leftOf } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

const SECRET_CHARS = `${ALPHABETS.alnum}_~.-`;

/** Three characters, `7Q~` or `8Q~` (the format version), then the secret: the marker is the keyword, the match runs around it. */
export const azureAdClientSecret = tokenRule({
  id: 'azure-ad-client-secret',
  description: 'Microsoft Entra ID (Azure AD) client secret',
  provider: 'azure',
  keywords: ['7Q~', '8Q~'],
  token: '[A-Za-z0-9_~.-]{3}[78]Q~[A-Za-z0-9_~.-]{31,34}',
  left: leftOf('A-Za-z0-9_~.+/-'),
  right: '(?![A-Za-z0-9_~.+/-])',
  mode: 'window',
  window: { before: 8, after: 48 },
  entropy: 3.5,
  samples: (g) => [`${g.chars(SECRET_CHARS, 3)}8Q~${g.chars(SECRET_CHARS, 34)}`, `${g.chars(SECRET_CHARS, 3)}7Q~${g.chars(SECRET_CHARS, 31)}`],
  nearMisses: (g) => [`${g.chars(SECRET_CHARS, 3)}8Q~${g.chars(SECRET_CHARS, 20)}`, `${g.chars(SECRET_CHARS, 3)}5Q~${g.chars(SECRET_CHARS, 34)}`],
});
