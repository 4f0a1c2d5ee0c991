import { tokenRule } from '../token-rule.js';

export const gitlabOauthAppSecret = tokenRule({
  id: 'gitlab-oauth-app-secret',
  description: 'GitLab OAuth application secret',
  provider: 'gitlab',
  keywords: ['gloas-'],
  token: 'gloas-[0-9A-Za-z_-]{64}',
  samples: (g) => [`gloas-${g.base64url(64)}`],
  nearMisses: (g) => [`gloas-${g.base64url(63)}`],
});
