import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const onepasswordSecretKey = tokenRule({
  id: 'onepassword-secret-key',
  description: '1Password account secret key',
  provider: 'onepassword',
  keywords: ['A3-'],
  token: 'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  entropy: 3,
  samples: (g) => [
    `A3-${g.chars(ALPHABETS.upperAlnum, 6)}-${g.chars(ALPHABETS.upperAlnum, 6)}-${g.chars(ALPHABETS.upperAlnum, 5)}-${g.chars(ALPHABETS.upperAlnum, 5)}-${g.chars(ALPHABETS.upperAlnum, 5)}-${g.chars(ALPHABETS.upperAlnum, 5)}`,
  ],
  nearMisses: (g) => [`A3-${g.chars(ALPHABETS.upperAlnum, 6)}-${g.chars(ALPHABETS.upperAlnum, 5)}`],
});
