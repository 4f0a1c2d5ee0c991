import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** Fine-grained PAT: `github_pat_` + 22 + `_` + 59 base62. Its checksum is not public. */
export const githubFineGrainedPat: Rule = {
  id: 'github-fine-grained-pat',
  description: 'GitHub fine-grained personal access token',
  provider: 'github',
  keywords: ['github_pat_'],
  pattern: pattern(LEFT_WORD, 'github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`github_pat_${g.alnum(22)}_${g.alnum(59)}`],
    falsePositives: (g) => [
      `github_pat_${g.alnum(22)}_${g.alnum(58)}`,
      `github_pat_${g.alnum(21)}_${g.alnum(59)}`,
      `github_pat_${'A'.repeat(22)}_${'A'.repeat(59)}`,
      'github_pat_<YOUR_TOKEN_HERE>',
    ],
  },
};
