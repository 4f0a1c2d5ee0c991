import { tokenRule } from '../token-rule.js';

export const gitlabFeatureFlagClientToken = tokenRule({
  id: 'gitlab-feature-flag-client-token',
  description: 'GitLab feature flag client token',
  provider: 'gitlab',
  keywords: ['glffct-'],
  token: 'glffct-[0-9A-Za-z_-]{20}',
  samples: (g) => [`glffct-${g.base64url(20)}`],
  nearMisses: (g) => [`glffct-${g.base64url(19)}`],
});
