import { contextRule } from '../context-rule.js';

export const vaultTokenLegacy = contextRule({
  id: 'vault-token-legacy',
  description: 'HashiCorp Vault token, legacy s. format (with "vault" nearby)',
  provider: 'hashicorp',
  names: ['vault'],
  value: 's\\.[A-Za-z0-9]{24}',
  right: '(?![A-Za-z0-9])',
  entropy: 3.5,
  samples: (g) => [`s.${g.alnum(24)}`],
  nearMisses: (g) => [`vault_addr: s.${g.alnum(10)}`],
});
