import { contextRule } from '../context-rule.js';

export const facebookAppSecret = contextRule({
  id: 'facebook-app-secret',
  description: 'Facebook app secret (with "facebook"/"fb_app" nearby)',
  provider: 'facebook',
  names: ['facebook', 'fb_app', 'fb_secret'],
  value: '[a-f0-9]{32}',
  right: '(?![A-Za-z0-9_-])',
  samples: (g) => [g.hex(32)],
  nearMisses: (g) => [`facebook_pixel: ${g.hex(20)}`],
});
