import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const harnessApiKey = tokenRule({
  id: 'harness-api-key',
  description: 'Harness personal or service account token',
  provider: 'harness',
  keywords: ['pat.', 'sat.'],
  token: '(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  entropy: 3.5,
  samples: (g) => [`pat.${g.base64url(22)}.${g.alnum(24)}.${g.alnum(20)}`],
  nearMisses: (g) => [`pat.${g.base64url(22)}.${g.alnum(24)}`],
});
