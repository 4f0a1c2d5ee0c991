import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const perplexityApiKey = tokenRule({
  id: 'perplexity-api-key',
  description: 'Perplexity API key',
  provider: 'perplexity',
  keywords: ['pplx-'],
  token: 'pplx-[A-Za-z0-9]{48}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 4,
  samples: (g) => [`pplx-${g.alnum(48)}`],
  nearMisses: (g) => [`pplx-${g.alnum(47)}`],
});
