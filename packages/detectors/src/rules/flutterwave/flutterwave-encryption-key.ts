import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const flutterwaveEncryptionKey = tokenRule({
  id: 'flutterwave-encryption-key',
  description: 'Flutterwave encryption key',
  provider: 'flutterwave',
  keywords: ['FLWSECK_TEST'],
  token: 'FLWSECK_TEST[a-h0-9]{12}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  entropy: 2.5,
  samples: (g) => [`FLWSECK_TEST${g.chars('abcdefgh0123456789', 12)}`],
  nearMisses: (g) => [`FLWSECK_TEST${g.hex(8)}`],
});
