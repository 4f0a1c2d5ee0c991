import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const slackBotToken: Rule = {
  id: 'slack-bot-token',
  description: 'Slack bot token',
  provider: 'slack',
  keywords: ['xoxb-'],
  pattern: pattern(LEFT_TOKEN, 'xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`xoxb-${g.digits(12)}-${g.digits(13)}-${g.alnum(24)}`],
    falsePositives: (g) => [
      `xoxb-${g.digits(12)}-${g.digits(13)}-${g.alnum(23)}`,
      `xoxb-${g.digits(12)}-${g.digits(13)}`,
      'xoxb-your-bot-token-here',
      `xoxb-${'1'.repeat(12)}-${'1'.repeat(13)}-${'x'.repeat(24)}`,
    ],
  },
};
