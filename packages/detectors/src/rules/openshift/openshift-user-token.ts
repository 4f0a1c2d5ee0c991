import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const openshiftUserToken = tokenRule({
  id: 'openshift-user-token',
  description: 'OpenShift user token',
  provider: 'openshift',
  keywords: ['sha256~'],
  token: 'sha256~[A-Za-z0-9_-]{43}',
  left: LEFT_WORD,
  entropy: 4,
  samples: (g) => [`sha256~${g.base64url(43)}`],
  nearMisses: (g) => [`sha256~${g.base64url(42)}`],
});
