import { tokenRule } from '../token-rule.js';

/** Bot tokens issued before granular bot permissions: `xoxb-` + team digits + one alphanumeric part. */
export const slackLegacyBotToken = tokenRule({
  id: 'slack-legacy-bot-token',
  description: 'Slack legacy bot token',
  provider: 'slack',
  keywords: ['xoxb-'],
  token: 'xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,26}',
  samples: (g) => [`xoxb-${g.digits(12)}-${g.alnum(24)}`, `xoxb-${g.digits(11)}-${g.alnum(22)}`],
  nearMisses: (g) => [`xoxb-${g.digits(12)}-${g.alnum(12)}`],
});
