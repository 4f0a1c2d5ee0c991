import { leftOf } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const zapierWebhookUrl = tokenRule({
  id: 'zapier-webhook-url',
  description: 'Zapier catch hook URL',
  provider: 'zapier',
  keywords: ['hooks.zapier.com/hooks/catch/'],
  token: '(?:https?://)?hooks\\.zapier\\.com/hooks/catch/[0-9]{5,12}/[a-z0-9]{6,12}/?',
  left: leftOf('A-Za-z0-9.-'),
  right: '(?![A-Za-z0-9_/-])',
  mode: 'window',
  window: { before: 10, after: 80 },
  entropy: 2.5,
  samples: (g) => [`https://hooks.zapier.com/hooks/catch/${g.digits(8)}/${g.chars(ALPHABETS.base36, 7)}/`],
  nearMisses: () => ['https://hooks.zapier.com/hooks/catch/123/abc/'],
});
