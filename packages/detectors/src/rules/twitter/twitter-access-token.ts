import { contextRule } from '../context-rule.js';

export const twitterAccessToken = contextRule({
  id: 'twitter-access-token',
  description: 'X (Twitter) user access token (with "twitter" nearby)',
  provider: 'twitter',
  names: ['twitter'],
  value: '[0-9]{15,25}-[A-Za-z0-9]{20,40}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [`${g.digits(19)}-${g.alnum(31)}`],
  nearMisses: (g) => [`twitter_handle: ${g.digits(19)}`],
});
