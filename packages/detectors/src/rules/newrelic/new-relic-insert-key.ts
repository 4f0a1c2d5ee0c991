import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const newRelicInsertKey = tokenRule({
  id: 'new-relic-insert-key',
  description: 'New Relic insights insert key',
  provider: 'newrelic',
  keywords: ['NRII-'],
  token: 'NRII-[A-Za-z0-9_-]{32}',
  left: LEFT_WORD,
  samples: (g) => [`NRII-${g.base64url(32)}`],
  nearMisses: (g) => [`NRII-${g.base64url(31)}`],
});
