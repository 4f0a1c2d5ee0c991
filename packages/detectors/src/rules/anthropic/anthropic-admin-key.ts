import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const anthropicAdminKey: Rule = {
  id: 'anthropic-admin-key',
  description: 'Anthropic Admin API key',
  provider: 'anthropic',
  keywords: ['sk-ant-admin01-'],
  pattern: pattern(LEFT_TOKEN, 'sk-ant-admin01-[A-Za-z0-9_-]{93}AA', RIGHT_TOKEN),
  confidence: 'high',
  entropy: 4,
  samples: {
    truePositives: (g) => [`sk-ant-admin01-${g.base64url(93)}AA`],
    falsePositives: (g) => [`sk-ant-admin01-${g.base64url(90)}AA`],
  },
};
