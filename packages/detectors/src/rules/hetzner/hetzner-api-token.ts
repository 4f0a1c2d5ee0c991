import { contextRule } from '../context-rule.js';

export const hetznerApiToken = contextRule({
  id: 'hetzner-api-token',
  description: 'Hetzner Cloud API token (with "hetzner"/HCLOUD_TOKEN nearby)',
  provider: 'hetzner',
  names: ['hetzner', 'hcloud'],
  value: '[A-Za-z0-9]{64}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.alnum(64)],
  nearMisses: (g) => [`hetzner_location: ${g.alnum(10)}`],
});
