import { LEFT_WORD, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const dockerhubPat: Rule = {
  id: 'dockerhub-pat',
  description: 'Docker Hub personal or organization access token',
  provider: 'docker',
  keywords: ['dckr_pat_', 'dckr_oat_'],
  pattern: pattern(LEFT_WORD, 'dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`dckr_pat_${g.base64url(27)}`, `dckr_oat_${g.base64url(32)}`],
    falsePositives: (g) => [`dckr_pat_${g.base64url(20)}`, `dckr_pat_${'x'.repeat(27)}`],
  },
};
