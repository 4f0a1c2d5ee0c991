import { tokenRule } from '../token-rule.js';

export const slackLegacyToken = tokenRule({
  id: 'slack-legacy-token',
  description: 'Slack legacy token (xoxo-, xoxs-)',
  provider: 'slack',
  keywords: ['xoxo-', 'xoxs-'],
  token: 'xox[os]-[0-9]{1,15}-[0-9]{1,15}-[0-9]{1,15}-[A-Fa-f0-9]{8,64}',
  samples: (g) => [`xoxs-${g.digits(12)}-${g.digits(9)}-${g.digits(10)}-${g.hex(10)}`, `xoxo-${g.digits(6)}-${g.digits(6)}-${g.digits(6)}-${g.hex(18)}`],
  nearMisses: (g) => [`xoxs-${g.digits(12)}-${g.digits(9)}-${g.hex(10)}`],
});
