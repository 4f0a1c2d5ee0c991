import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/**
 * OpenAI keys (legacy `sk-`, project `sk-proj-`, service account `sk-svcacct-`, admin
 * `sk-admin-`) embed `T3BlbkFJ` ("OpenAI" in base64) mid-token: that marker is the keyword and
 * the pattern is searched in a window around it.
 */
export const openaiApiKey: Rule = {
  id: 'openai-api-key',
  description: 'OpenAI API key',
  provider: 'openai',
  keywords: ['T3BlbkFJ'],
  mode: 'window',
  window: { before: 200, after: 200 },
  pattern: pattern(LEFT_TOKEN, 'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [
      `sk-${g.alnum(20)}T3BlbkFJ${g.alnum(20)}`,
      `sk-proj-${g.base64url(74)}T3BlbkFJ${g.base64url(74)}`,
      `sk-svcacct-${g.base64url(74)}T3BlbkFJ${g.base64url(74)}`,
    ],
    falsePositives: (g) => [`sk-${g.alnum(19)}T3BlbkFJ${g.alnum(20)}`, `sk-${g.alnum(40)}`, `sk-${'x'.repeat(20)}T3BlbkFJ${'x'.repeat(20)}`],
  },
};
