import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

export const huggingfaceOrgToken: Rule = {
  id: 'huggingface-org-token',
  description: 'Hugging Face organization API token',
  provider: 'huggingface',
  keywords: ['api_org_'],
  pattern: pattern(LEFT_WORD, 'api_org_[A-Za-z]{34}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`api_org_${g.chars(ALPHABETS.alpha, 34)}`],
    falsePositives: (g) => [`api_org_${g.chars(ALPHABETS.alpha, 30)}`],
  },
};
