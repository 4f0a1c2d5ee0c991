import { contextRule } from '../context-rule.js';

export const vercelApiToken = contextRule({
  id: 'vercel-api-token',
  description: 'Vercel access token (with "vercel" nearby)',
  provider: 'vercel',
  names: ['vercel'],
  value: '[A-Za-z0-9]{24}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.alnum(24)],
  nearMisses: (g) => [`vercel_project: ${g.alnum(24)}_x`],
});
