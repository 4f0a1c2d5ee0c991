import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const slackUserToken: Rule = {
  id: 'slack-user-token',
  description: 'Slack user token',
  provider: 'slack',
  keywords: ['xoxp-', 'xoxe-'],
  pattern: pattern(LEFT_TOKEN, 'xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [
      `xoxp-${g.digits(12)}-${g.digits(12)}-${g.digits(13)}-${g.hex(32)}`,
      `xoxe-${g.digits(11)}-${g.digits(12)}-${g.digits(13)}-${g.alnum(30)}`,
    ],
    falsePositives: (g) => [
      `xoxp-${g.digits(12)}-${g.digits(12)}-${g.hex(32)}`,
      `xoxp-${g.digits(12)}-${g.digits(12)}-${g.digits(13)}-${g.hex(27)}`,
      'xoxp-0000000000-0000000000-0000000000-00000000000000000000000000000000',
    ],
  },
};
