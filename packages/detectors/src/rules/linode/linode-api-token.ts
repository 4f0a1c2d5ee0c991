import { contextRule } from '../context-rule.js';

export const linodeApiToken = contextRule({
  id: 'linode-api-token',
  description: 'Linode (Akamai) API token (with "linode" nearby)',
  provider: 'linode',
  names: ['linode'],
  value: '[a-f0-9]{64}',
  samples: (g) => [g.hex(64)],
  nearMisses: (g) => [`linode_region: ${g.hex(20)}`],
});
