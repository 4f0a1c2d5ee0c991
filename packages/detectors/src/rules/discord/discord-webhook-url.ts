import { leftOf } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

/** The whole URL is the secret; the keyword sits in the middle of it, so the pattern is searched around it. */
export const discordWebhookUrl = tokenRule({
  id: 'discord-webhook-url',
  description: 'Discord webhook URL',
  provider: 'discord',
  keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
  token: '(?:https?://)?(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}',
  left: leftOf('A-Za-z0-9.-'),
  mode: 'window',
  window: { before: 20, after: 120 },
  entropy: 3.5,
  samples: (g) => [
    `https://discord.com/api/webhooks/${g.digits(19)}/${g.base64url(68)}`,
    `https://discordapp.com/api/webhooks/${g.digits(18)}/${g.base64url(68)}`,
  ],
  nearMisses: (g) => [`https://discord.com/api/webhooks/${g.digits(19)}/${g.base64url(20)}`, 'https://discord.com/api/webhooks/{id}/{token}'],
});
