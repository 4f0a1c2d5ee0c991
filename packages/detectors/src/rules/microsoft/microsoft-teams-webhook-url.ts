import { leftOf } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const microsoftTeamsWebhookUrl = tokenRule({
  id: 'microsoft-teams-webhook-url',
  description: 'Microsoft Teams incoming webhook URL',
  provider: 'microsoft',
  keywords: ['.webhook.office.com/webhookb2/'],
  token:
    'https://[a-z0-9-]{1,40}\\.webhook\\.office\\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[A-Za-z0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{40,50})?',
  left: leftOf('A-Za-z0-9.-'),
  right: '(?![A-Za-z0-9_/-])',
  mode: 'window',
  window: { before: 60, after: 300 },
  entropy: 3.5,
  samples: (g) => [`https://acme${g.digits(3)}.webhook.office.com/webhookb2/${g.uuid()}@${g.uuid()}/IncomingWebhook/${g.hex(32)}/${g.uuid()}`],
  nearMisses: (g) => [`https://acme.webhook.office.com/webhookb2/${g.uuid()}@${g.uuid()}/IncomingWebhook/`],
});
