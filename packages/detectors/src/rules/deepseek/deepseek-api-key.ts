import { contextRule } from '../context-rule.js';

export const deepseekApiKey = contextRule({
  id: 'deepseek-api-key',
  description: 'DeepSeek API key (with "deepseek" nearby)',
  provider: 'deepseek',
  names: ['deepseek'],
  value: 'sk-[a-f0-9]{32}',
  samples: (g) => [`sk-${g.hex(32)}`],
  nearMisses: (g) => [`deepseek_model: sk-${g.hex(20)}`],
});
