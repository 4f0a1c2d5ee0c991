import { contextRule } from '../context-rule.js';

export const linearClientSecret = contextRule({
  id: 'linear-client-secret',
  description: 'Linear OAuth client secret (with "linear" nearby)',
  provider: 'linear',
  names: ['linear'],
  value: '[a-f0-9]{32}',
  right: '(?![A-Za-z0-9_-])',
  samples: (g) => [g.hex(32)],
  nearMisses: (g) => [`background: linear-gradient(#${g.hex(6)}, #${g.hex(6)});`],
});
