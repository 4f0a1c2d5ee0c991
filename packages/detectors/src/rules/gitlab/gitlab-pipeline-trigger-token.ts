import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const gitlabPipelineTriggerToken: Rule = {
  id: 'gitlab-pipeline-trigger-token',
  description: 'GitLab pipeline trigger token',
  provider: 'gitlab',
  keywords: ['glptt-'],
  pattern: pattern(LEFT_TOKEN, 'glptt-[0-9a-f]{40}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3,
  samples: {
    truePositives: (g) => [`glptt-${g.hex(40)}`],
    falsePositives: (g) => [`glptt-${g.hex(39)}`, `glptt-${'0'.repeat(40)}`],
  },
};
