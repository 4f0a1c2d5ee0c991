import { contextRule } from '../context-rule.js';

export const twitterApiSecret = contextRule({
  id: 'twitter-api-secret',
  description: 'X (Twitter) API key secret or access token secret (with "twitter" nearby)',
  provider: 'twitter',
  names: ['twitter'],
  value: '[A-Za-z0-9]{45,50}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.alnum(50), g.alnum(45)],
  nearMisses: (g) => [`twitter_url: ${g.alnum(10)}`],
});
