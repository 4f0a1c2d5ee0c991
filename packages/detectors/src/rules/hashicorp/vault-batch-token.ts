import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const vaultBatchToken = tokenRule({
  id: 'vault-batch-token',
  description: 'HashiCorp Vault batch token (hvb.)',
  provider: 'hashicorp',
  keywords: ['hvb.'],
  token: 'hvb\\.[A-Za-z0-9_-]{138,300}',
  left: LEFT_WORD,
  window: { after: 400 },
  samples: (g) => [`hvb.AAAAAQ${g.base64url(150)}`],
  nearMisses: (g) => [`hvb.${g.base64url(100)}`],
});
