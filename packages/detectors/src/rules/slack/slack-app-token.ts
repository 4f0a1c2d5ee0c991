import { LEFT_TOKEN, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

export const slackAppToken: Rule = {
  id: 'slack-app-token',
  description: 'Slack app-level token',
  provider: 'slack',
  keywords: ['xapp-'],
  pattern: pattern(LEFT_TOKEN, 'xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{10,16}-[a-z0-9]{32,80}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`xapp-1-A${g.chars(ALPHABETS.upperAlnum, 10)}-${g.digits(13)}-${g.hex(64)}`],
    falsePositives: (g) => [
      `xapp-1-A${g.chars(ALPHABETS.upperAlnum, 10)}-${g.digits(13)}`,
      'xapp-1-AXXXXXXXXXX-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ],
  },
};
