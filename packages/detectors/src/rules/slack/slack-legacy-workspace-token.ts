import { tokenRule } from '../token-rule.js';

export const slackLegacyWorkspaceToken = tokenRule({
  id: 'slack-legacy-workspace-token',
  description: 'Slack legacy workspace app token (xoxa-, xoxr-)',
  provider: 'slack',
  keywords: ['xoxa-', 'xoxr-'],
  token: 'xox[ar]-(?:[0-9]-)?(?:[0-9]{8,13}-){0,3}[0-9A-Za-z]{8,64}',
  samples: (g) => [`xoxa-2-${g.digits(9)}-${g.digits(11)}-${g.digits(13)}-${g.hex(18)}`, `xoxr-${g.alnum(30)}`],
  nearMisses: (g) => [`xoxa-${g.alnum(6)}`],
});
