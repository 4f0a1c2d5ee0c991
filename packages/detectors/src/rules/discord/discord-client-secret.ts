import { contextRule } from '../context-rule.js';

export const discordClientSecret = contextRule({
  id: 'discord-client-secret',
  description: 'Discord OAuth client secret (with "discord" nearby)',
  provider: 'discord',
  names: ['discord'],
  value: '[A-Za-z0-9_-]{32}',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.base64url(32)],
  nearMisses: (g) => [`discord_guild: ${g.digits(18)}`],
});
