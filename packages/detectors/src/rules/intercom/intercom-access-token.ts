import { contextRule } from '../context-rule.js';

export const intercomAccessToken = contextRule({
  id: 'intercom-access-token',
  description: 'Intercom access token (with "intercom" nearby)',
  provider: 'intercom',
  names: ['intercom'],
  value: '[A-Za-z0-9=_-]{60}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [`dG9rOj${g.base64url(54)}`],
  nearMisses: (g) => [`intercom_app_id: ${g.alnum(8)}`],
});
