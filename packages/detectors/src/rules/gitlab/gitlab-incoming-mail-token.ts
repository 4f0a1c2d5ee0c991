import { tokenRule } from '../token-rule.js';

export const gitlabIncomingMailToken = tokenRule({
  id: 'gitlab-incoming-mail-token',
  description: 'GitLab incoming mail token',
  provider: 'gitlab',
  keywords: ['glimt-'],
  token: 'glimt-[0-9A-Za-z_-]{25}',
  samples: (g) => [`glimt-${g.base64url(25)}`],
  nearMisses: (g) => [`glimt-${g.base64url(24)}`],
});
