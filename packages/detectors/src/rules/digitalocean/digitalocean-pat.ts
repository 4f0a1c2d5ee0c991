import { LEFT_WORD, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const digitaloceanPat: Rule = {
  id: 'digitalocean-pat',
  description: 'DigitalOcean personal access token',
  provider: 'digitalocean',
  keywords: ['dop_v1_'],
  pattern: pattern(LEFT_WORD, 'dop_v1_[a-f0-9]{64}', RIGHT_ALNUM),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`dop_v1_${g.hex(64)}`],
    falsePositives: (g) => [`dop_v1_${g.hex(63)}`, `dop_v1_${'0'.repeat(64)}`],
  },
};
