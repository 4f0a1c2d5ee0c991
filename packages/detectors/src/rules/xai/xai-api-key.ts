import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const xaiApiKey = tokenRule({
  id: 'xai-api-key',
  description: 'xAI (Grok) API key',
  provider: 'xai',
  keywords: ['xai-'],
  token: 'xai-[A-Za-z0-9]{80}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 4,
  samples: (g) => [`xai-${g.alnum(80)}`],
  nearMisses: (g) => [`xai-${g.alnum(79)}`],
});
