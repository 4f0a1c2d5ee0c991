import { LEFT_TOKEN, pattern } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const atlassianApiToken: Rule = {
  id: 'atlassian-api-token',
  description: 'Atlassian (Jira, Confluence, Bitbucket) API token',
  provider: 'atlassian',
  keywords: ['ATATT3'],
  pattern: pattern(LEFT_TOKEN, 'ATATT3[A-Za-z0-9_=-]{186}', '(?![A-Za-z0-9_=-])'),
  confidence: 'high',
  entropy: 4,
  samples: {
    truePositives: (g) => [`ATATT3xFfGF0${g.base64url(171)}=${g.hex(8).toUpperCase()}`],
    falsePositives: (g) => [`ATATT3xFfGF0${g.base64url(150)}`, `ATATT3${'x'.repeat(186)}`],
  },
};
