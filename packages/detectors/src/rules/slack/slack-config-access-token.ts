import { LEFT_TOKEN, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

export const slackConfigAccessToken: Rule = {
  id: 'slack-config-access-token',
  description: 'Slack app configuration access token',
  provider: 'slack',
  keywords: ['xoxe.xox'],
  pattern: pattern(LEFT_TOKEN, 'xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{163,166}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    // real ones are mixed-case (base64 of the token's parts)
    truePositives: (g) => [`xoxe.xoxp-1-${g.alnum(164)}`, `xoxe.xoxb-1-${g.alnum(165)}`, `xoxe.xoxp-1-${g.chars(ALPHABETS.upperAlnum, 163)}`],
    falsePositives: (g) => [
      `xoxe.xoxp-1-${g.alnum(100)}`,
      `xoxe.xoxp-1-${'A'.repeat(164)}`,
      'xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere',
      `xoxe.xoxp-1-${g.alnum(167)}`,
    ],
  },
};
