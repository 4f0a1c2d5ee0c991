import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const anthropicApiKey: Rule = {
  id: 'anthropic-api-key',
  description: 'Anthropic API key',
  provider: 'anthropic',
  keywords: ['sk-ant-api03-'],
  pattern: pattern(LEFT_TOKEN, 'sk-ant-api03-[A-Za-z0-9_-]{93}AA', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 4,
  samples: {
    truePositives: (g) => [`sk-ant-api03-${g.base64url(93)}AA`],
    falsePositives: (g) => [`sk-ant-api03-${g.base64url(92)}AA`, `sk-ant-api03-${g.base64url(95)}`],
  },
};
