import { tokenRule } from '../token-rule.js';

export const googleOauthClientSecret = tokenRule({
  id: 'google-oauth-client-secret',
  description: 'Google OAuth client secret',
  provider: 'google',
  keywords: ['GOCSPX-'],
  token: 'GOCSPX-[A-Za-z0-9_-]{28}',
  samples: (g) => [`GOCSPX-${g.base64url(28)}`],
  nearMisses: (g) => [`GOCSPX-${g.base64url(27)}`],
});
