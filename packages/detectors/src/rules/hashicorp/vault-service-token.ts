import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const vaultServiceToken = tokenRule({
  id: 'vault-service-token',
  description: 'HashiCorp Vault service token (hvs.)',
  provider: 'hashicorp',
  keywords: ['hvs.'],
  token: 'hvs\\.[A-Za-z0-9_-]{90,120}',
  left: LEFT_WORD,
  samples: (g) => [`hvs.CAES${g.base64url(91)}`, `hvs.${g.base64url(95)}`],
  nearMisses: (g) => [`hvs.${g.base64url(24)}`],
});
