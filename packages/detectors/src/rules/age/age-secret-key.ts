import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

/** Bech32-encoded X25519 identity (upper case, as age prints it). */
export const ageSecretKey = tokenRule({
  id: 'age-secret-key',
  description: 'age encryption secret key',
  provider: 'age',
  keywords: ['AGE-SECRET-KEY-1'],
  token: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  samples: (g) => [`AGE-SECRET-KEY-1${g.chars('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`],
  nearMisses: (g) => [`AGE-SECRET-KEY-1${g.chars('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 57)}`],
});
