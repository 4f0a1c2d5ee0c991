import { leftOf, pattern } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

/** Incoming webhook / workflow URL; the whole URL is the secret (as GitHub hashes it). */
export const slackWebhookUrl: Rule = {
  id: 'slack-webhook-url',
  description: 'Slack incoming webhook URL',
  provider: 'slack',
  keywords: ['hooks.slack.com/'],
  mode: 'window',
  window: { before: 16, after: 200 },
  pattern: pattern(leftOf('A-Za-z0-9.-'), '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,120}(?![A-Za-z0-9+/])'),
  confidence: 'high',
  samples: {
    truePositives: (g) => [
      `https://hooks.slack.com/services/T${g.chars(ALPHABETS.upperAlnum, 10)}/B${g.chars(ALPHABETS.upperAlnum, 10)}/${g.alnum(24)}`,
      `https://hooks.slack.com/workflows/T${g.chars(ALPHABETS.upperAlnum, 10)}/A${g.chars(ALPHABETS.upperAlnum, 10)}/${g.digits(18)}/${g.alnum(32)}`,
    ],
    falsePositives: () => [
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/YOUR/WEBHOOK/URL',
      'see https://hooks.slack.com/ for details',
    ],
  },
};
