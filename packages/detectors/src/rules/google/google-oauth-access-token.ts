import { tokenRule } from '../token-rule.js';

export const googleOauthAccessToken = tokenRule({
  id: 'google-oauth-access-token',
  description: 'Google OAuth access token (ya29.)',
  provider: 'google',
  keywords: ['ya29.'],
  token: 'ya29\\.[0-9A-Za-z_-]{50,2000}',
  window: { after: 2100 },
  samples: (g) => [`ya29.a0${g.base64url(150)}`, `ya29.${g.base64url(60)}`],
  nearMisses: (g) => [`ya29.${g.base64url(20)}`],
});
