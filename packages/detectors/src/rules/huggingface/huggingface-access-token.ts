import { LEFT_WORD, pattern, RIGHT_WORD } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import type { Rule } from '../../types.js';

export const huggingfaceAccessToken: Rule = {
  id: 'huggingface-access-token',
  description: 'Hugging Face user access token',
  provider: 'huggingface',
  keywords: ['hf_'],
  pattern: pattern(LEFT_WORD, 'hf_[A-Za-z]{34}', RIGHT_WORD),
  confidence: 'high',
  entropy: 3.5,
  samples: {
    truePositives: (g) => [`hf_${g.chars(ALPHABETS.alpha, 34)}`],
    falsePositives: (g) => [`hf_${g.chars(ALPHABETS.alpha, 33)}`, 'hf_hub_download_from_the_cache_dir', `hf_${'a'.repeat(34)}`],
  },
};
