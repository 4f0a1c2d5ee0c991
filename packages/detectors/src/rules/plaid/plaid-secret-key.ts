import { contextRule } from '../context-rule.js';

export const plaidSecretKey = contextRule({
  id: 'plaid-secret-key',
  description: 'Plaid secret (with "plaid" nearby)',
  provider: 'plaid',
  names: ['plaid'],
  value: '[a-f0-9]{30}',
  right: '(?![A-Za-z0-9_-])',
  samples: (g) => [g.hex(30)],
  nearMisses: (g) => [`plaid_env: ${g.hex(12)}`],
});
