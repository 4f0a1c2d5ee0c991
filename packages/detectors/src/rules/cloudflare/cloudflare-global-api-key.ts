import { contextRule } from '../context-rule.js';

export const cloudflareGlobalApiKey = contextRule({
  id: 'cloudflare-global-api-key',
  description: 'Cloudflare global API key (with "cloudflare"/CF_API_KEY nearby)',
  provider: 'cloudflare',
  names: ['cloudflare', 'cf_api_key'],
  value: '[a-f0-9]{37}',
  right: '(?![A-Za-z0-9_-])',
  samples: (g) => [g.hex(37)],
  nearMisses: (g) => [`cloudflare_zone_id: ${g.hex(32)}`],
});
