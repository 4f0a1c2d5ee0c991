import { LEFT_TOKEN, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

export const slackConfigRefreshToken: Rule = {
  id: 'slack-config-refresh-token',
  description: 'Slack app configuration refresh token',
  provider: 'slack',
  keywords: ['xoxe-'],
  pattern: pattern(LEFT_TOKEN, 'xoxe-[0-9]-[A-Za-z0-9]{146}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    // real ones are mixed-case (base64 of the token's parts)
    truePositives: (g) => [`xoxe-1-${g.alnum(146)}`, `xoxe-1-${g.chars(ALPHABETS.upperAlnum, 146)}`],
    falsePositives: (g) => [`xoxe-1-${g.alnum(145)}`, `xoxe-1-${'0'.repeat(146)}`, 'xoxe-1-xxx'],
  },
};
