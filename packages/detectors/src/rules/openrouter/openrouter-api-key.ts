import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const openrouterApiKey = tokenRule({
  id: 'openrouter-api-key',
  description: 'OpenRouter API key',
  provider: 'openrouter',
  keywords: ['sk-or-v1-'],
  token: 'sk-or-v1-[a-f0-9]{64}',
  left: LEFT_WORD,
  samples: (g) => [`sk-or-v1-${g.hex(64)}`],
  nearMisses: (g) => [`sk-or-v1-${g.hex(63)}`],
});
