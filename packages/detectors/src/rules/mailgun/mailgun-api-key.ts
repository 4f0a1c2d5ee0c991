import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** Legacy `key-` + 32 hex or the newer `<32 hex>-<8 hex>-<8 hex>`, with "mailgun" nearby. */
export const mailgunApiKey: Rule = {
  id: 'mailgun-api-key',
  description: 'Mailgun API key (with "mailgun" nearby)',
  provider: 'mailgun',
  keywords: ['mailgun', 'Mailgun', 'MAILGUN'],
  mode: 'window',
  window: { before: 200, after: 200 },
  pattern: pattern(LEFT_TOKEN, '(?<secret>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})', RIGHT_TOKEN),
  confidence: 'medium',
  entropy: 3,
  samples: {
    truePositives: (g) => {
      const legacy = `key-${g.hex(32)}`;
      const current = `${g.hex(32)}-${g.hex(8)}-${g.hex(8)}`;
      return [
        { text: `MAILGUN_API_KEY=${legacy}\n`, secret: legacy },
        { text: `const mailgun = new Mailgun({ key: "${current}" });`, secret: current },
      ];
    },
    falsePositives: (g) => [`key-${g.hex(32)}`, `mailgun: key-${'0'.repeat(32)}`, `mailgun key-${g.hex(31)}`],
  },
};
