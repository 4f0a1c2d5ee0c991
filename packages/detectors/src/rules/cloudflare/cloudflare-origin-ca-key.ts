import { LEFT_TOKEN } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const cloudflareOriginCaKey = tokenRule({
  id: 'cloudflare-origin-ca-key',
  description: 'Cloudflare Origin CA key',
  provider: 'cloudflare',
  keywords: ['v1.0-'],
  token: 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}',
  left: LEFT_TOKEN,
  samples: (g) => [`v1.0-${g.hex(24)}-${g.hex(146)}`],
  nearMisses: (g) => [`v1.0-${g.hex(24)}-${g.hex(100)}`],
});
