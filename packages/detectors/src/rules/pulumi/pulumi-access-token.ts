import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const pulumiAccessToken = tokenRule({
  id: 'pulumi-access-token',
  description: 'Pulumi access token',
  provider: 'pulumi',
  keywords: ['pul-'],
  token: 'pul-[a-f0-9]{40}',
  left: LEFT_WORD,
  samples: (g) => [`pul-${g.hex(40)}`],
  nearMisses: (g) => [`pul-${g.hex(39)}`],
});
