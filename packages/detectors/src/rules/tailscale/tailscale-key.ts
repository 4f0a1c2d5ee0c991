import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const tailscaleKey = tokenRule({
  id: 'tailscale-key',
  description: 'Tailscale auth, API, OAuth client or SCIM key',
  provider: 'tailscale',
  keywords: ['tskey-'],
  token: 'tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,60}',
  left: LEFT_WORD,
  samples: (g) => [`tskey-auth-k${g.alnum(10)}CNTRL-${g.alnum(33)}`, `tskey-api-k${g.alnum(10)}CNTRL-${g.alnum(33)}`],
  nearMisses: (g) => [`tskey-auth-${g.alnum(4)}`],
});
