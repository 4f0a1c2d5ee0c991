import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const prefectApiKey = tokenRule({
  id: 'prefect-api-key',
  description: 'Prefect Cloud API key',
  provider: 'prefect',
  keywords: ['pnu_'],
  token: 'pnu_[A-Za-z0-9]{36}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 3.5,
  samples: (g) => [`pnu_${g.alnum(36)}`],
  nearMisses: (g) => [`pnu_${g.alnum(35)}`],
});
