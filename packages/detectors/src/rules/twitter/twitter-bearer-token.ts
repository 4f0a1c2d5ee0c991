import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

/** Bearer tokens start with 22 `A`s (a zero-filled header): that run is the keyword, and the placeholder check that rejects
 * runs of one character is off. */
export const twitterBearerToken = tokenRule({
  id: 'twitter-bearer-token',
  description: 'X (Twitter) app bearer token',
  provider: 'twitter',
  keywords: ['AAAAAAAAAAAAAAAAAAAAA'],
  token: 'AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{80,120}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  entropy: 3.5,
  placeholderCheck: false,
  samples: (g) => [`AAAAAAAAAAAAAAAAAAAAA${g.alnum(30)}%3D${g.alnum(60)}`],
  nearMisses: (g) => [`AAAAAAAAAAAAAAAAAAAAA${g.alnum(30)}`],
});
