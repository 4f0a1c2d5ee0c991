import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** Postman API key: `PMAK-` + 24 hex + `-` + 34 hex. Postman documents no checksum. */
export const postmanApiKey: Rule = {
  id: 'postman-api-key',
  description: 'Postman API key',
  provider: 'postman',
  keywords: ['PMAK-'],
  pattern: pattern(LEFT_TOKEN, 'PMAK-[0-9a-fA-F]{24}-[0-9a-fA-F]{34}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`PMAK-${g.hex(24)}-${g.hex(34)}`, `PMAK-${g.hex(24)}-${g.hex(34)}`],
    falsePositives: (g) => [
      `PMAK-${g.hex(24)}-${g.hex(33)}`,
      `PMAK-${g.hex(23)}-${g.hex(34)}`,
      `PMAK-${g.hex(24)}-${g.hex(34)}${g.hex(1)}`,
      `XPMAK-${g.hex(24)}-${g.hex(34)}`,
      `PMAK-${'0'.repeat(24)}-${'0'.repeat(34)}`,
      `PMAK-${'x'.repeat(24)}-${'x'.repeat(34)}`,
      'PMAK-<your-postman-api-key>',
      `PMAK-${g.hex(12)}example${g.hex(5)}-${g.hex(34)}`,
    ],
  },
};
