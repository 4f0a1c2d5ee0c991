import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const typeformApiToken = tokenRule({
  id: 'typeform-api-token',
  description: 'Typeform personal access token',
  provider: 'typeform',
  keywords: ['tfp_'],
  token: 'tfp_[A-Za-z0-9_.=-]{59}',
  left: LEFT_WORD,
  right: '(?![A-Za-z0-9_.=-])',
  entropy: 3.5,
  samples: (g) => [`tfp_${g.base64url(44)}_${g.base64url(14)}`],
  nearMisses: (g) => [`tfp_${g.base64url(40)}`],
});
