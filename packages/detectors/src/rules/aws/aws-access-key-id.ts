import { LEFT_ALNUM, pattern, RIGHT_ALNUM } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** Key ids identify rather than authenticate, hence medium confidence alone (see aws-secret-access-key). */
export const awsAccessKeyId: Rule = {
  id: 'aws-access-key-id',
  description: 'AWS access key id',
  provider: 'aws',
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  pattern: pattern(LEFT_ALNUM, '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}', RIGHT_ALNUM),
  confidence: 'medium',
  entropy: 3,
  samples: {
    truePositives: (g) => [`AKIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, `ASIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`],
    falsePositives: (g) => [
      // the AWS documentation example key id, built from parts
      `AKIA${'IOSFODNN7'}${'EXAMPLE'}`,
      `AKIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}`,
      `AKIA${'A'.repeat(16)}`,
      `XAKIA${g.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    ],
  },
};
