import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const flutterwaveSecretKey = tokenRule({
  id: 'flutterwave-secret-key',
  description: 'Flutterwave secret key',
  provider: 'flutterwave',
  keywords: ['FLWSECK_TEST-', 'FLWSECK-'],
  token: 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`FLWSECK_TEST-${g.chars('abcdefgh0123456789', 32)}-X`, `FLWSECK-${g.hex(32)}-X`],
  nearMisses: (g) => [`FLWSECK_TEST-${g.hex(20)}-X`],
});
