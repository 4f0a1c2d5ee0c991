import { LEFT_WORD, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const brevoApiKey = tokenRule({
  id: 'brevo-api-key',
  description: 'Brevo (Sendinblue) API or SMTP key',
  provider: 'brevo',
  keywords: ['xkeysib-', 'xsmtpsib-'],
  token: 'x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}',
  left: LEFT_WORD,
  right: RIGHT_ALNUM,
  samples: (g) => [`xkeysib-${g.hex(64)}-${g.alnum(16)}`, `xsmtpsib-${g.hex(64)}-${g.alnum(16)}`],
  nearMisses: (g) => [`xkeysib-${g.hex(64)}-${g.alnum(10)}`],
});
