import { contextRule } from '../context-rule.js';

export const cloudflareApiToken = contextRule({
  id: 'cloudflare-api-token',
  description: 'Cloudflare API token (with "cloudflare"/CF_API_TOKEN nearby)',
  provider: 'cloudflare',
  names: ['cloudflare', 'cf_api_token', 'cf_token'],
  value: '[A-Za-z0-9_-]{40}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.base64url(40)],
  nearMisses: (g) => [`cloudflare_zone = ${g.base64url(20)}`],
});
