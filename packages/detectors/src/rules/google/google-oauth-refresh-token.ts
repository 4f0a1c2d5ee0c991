import { leftOf } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const googleOauthRefreshToken = tokenRule({
  id: 'google-oauth-refresh-token',
  description: 'Google OAuth refresh token (1//0…)',
  provider: 'google',
  keywords: ['1//0'],
  token: '1//0[0-9A-Za-z_-]{40,500}',
  left: leftOf('A-Za-z0-9/_-'),
  window: { after: 600 },
  samples: (g) => [`1//0${g.base64url(99)}`],
  nearMisses: (g) => [`1//0${g.base64url(20)}`, `x = 1//0`],
});
