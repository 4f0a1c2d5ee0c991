import { tokenRule } from '../token-rule.js';

export const gitlabScimToken = tokenRule({
  id: 'gitlab-scim-token',
  description: 'GitLab SCIM OAuth access token',
  provider: 'gitlab',
  keywords: ['glsoat-'],
  token: 'glsoat-[0-9A-Za-z_-]{20}',
  samples: (g) => [`glsoat-${g.base64url(20)}`],
  nearMisses: (g) => [`glsoat-${g.base64url(19)}`],
});
