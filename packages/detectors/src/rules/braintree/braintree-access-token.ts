import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

/** `access_token$<environment>$<merchant id>$<32 hex>`: the `$` separators are the format, not a template. */
export const braintreeAccessToken = tokenRule({
  id: 'braintree-access-token',
  description: 'Braintree (PayPal) access token',
  provider: 'braintree',
  keywords: ['access_token$production$', 'access_token$sandbox$'],
  token: 'access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  placeholderCheck: false,
  samples: (g) => [`access_token$production$${g.chars(ALPHABETS.base36, 16)}$${g.hex(32)}`],
  nearMisses: (g) => [`access_token$sandbox$${g.chars(ALPHABETS.base36, 16)}$${g.hex(20)}`],
});
