import { contextRule } from '../context-rule.js';

/** Bearer tokens start with 22 `A`s (a zero-filled header), which base64 data is full of: the name "twitter" is the keyword,
 * and the placeholder check that rejects runs of one character is off. */
export const twitterBearerToken = contextRule({
  id: 'twitter-bearer-token',
  description: 'X (Twitter) app bearer token (with "twitter" nearby)',
  provider: 'twitter',
  names: ['twitter'],
  value: 'AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{80,120}',
  entropy: 3.5,
  placeholderCheck: false,
  samples: (g) => [`AAAAAAAAAAAAAAAAAAAAA${g.alnum(30)}%3D${g.alnum(60)}`],
  nearMisses: (g) => [`twitter_header: AAAAAAAAAAAAAAAAAAAAA${g.alnum(30)}`],
});
