import { LEFT_WORD, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const digitaloceanRefreshToken: Rule = {
  id: 'digitalocean-refresh-token',
  description: 'DigitalOcean OAuth refresh token',
  provider: 'digitalocean',
  keywords: ['dor_v1_'],
  pattern: pattern(LEFT_WORD, 'dor_v1_[a-f0-9]{64}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`dor_v1_${g.hex(64)}`],
    falsePositives: (g) => [`dor_v1_${g.hex(63)}`, `dor_v1_${'0'.repeat(64)}`],
  },
};
