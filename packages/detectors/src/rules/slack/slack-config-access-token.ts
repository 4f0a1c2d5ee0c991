import { LEFT_TOKEN, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

export const slackConfigAccessToken: Rule = {
  id: 'slack-config-access-token',
  description: 'Slack app configuration access token',
  provider: 'slack',
  keywords: ['xoxe.xox'],
  pattern: pattern(LEFT_TOKEN, 'xoxe\\.xox[bp]-[0-9]-[A-Z0-9]{163,166}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`xoxe.xoxp-1-${g.chars(ALPHABETS.upperAlnum, 164)}`],
    falsePositives: (g) => [`xoxe.xoxp-1-${g.chars(ALPHABETS.upperAlnum, 100)}`, `xoxe.xoxp-1-${'A'.repeat(164)}`],
  },
};
