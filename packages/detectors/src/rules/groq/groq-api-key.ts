import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const groqApiKey = tokenRule({
  id: 'groq-api-key',
  description: 'Groq API key',
  provider: 'groq',
  keywords: ['gsk_'],
  token: 'gsk_[A-Za-z0-9]{52}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 4,
  samples: (g) => [`gsk_${g.alnum(52)}`],
  nearMisses: (g) => [`gsk_${g.alnum(51)}`],
});
