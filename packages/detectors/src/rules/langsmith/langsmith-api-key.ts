import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const langsmithApiKey = tokenRule({
  id: 'langsmith-api-key',
  description: 'LangSmith (LangChain) API key',
  provider: 'langsmith',
  keywords: ['lsv2_pt_', 'lsv2_sk_'],
  token: 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}',
  left: LEFT_WORD,
  samples: (g) => [`lsv2_pt_${g.hex(32)}_${g.hex(10)}`, `lsv2_sk_${g.hex(32)}_${g.hex(10)}`],
  nearMisses: (g) => [`lsv2_pt_${g.hex(32)}_${g.hex(9)}`],
});
