import { LEFT_WORD, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const digitaloceanOauthToken: Rule = {
  id: 'digitalocean-oauth-token',
  description: 'DigitalOcean OAuth access token',
  provider: 'digitalocean',
  keywords: ['doo_v1_'],
  pattern: pattern(LEFT_WORD, 'doo_v1_[a-f0-9]{64}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`doo_v1_${g.hex(64)}`],
    falsePositives: (g) => [`doo_v1_${g.hex(63)}`, `doo_v1_${'0'.repeat(64)}`],
  },
};
