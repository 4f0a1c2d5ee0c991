import { contextRule } from '../context-rule.js';

export const discordBotToken = contextRule({
  id: 'discord-bot-token',
  description: 'Discord bot token (with "discord" nearby)',
  provider: 'discord',
  names: ['discord'],
  value: '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
  right: '(?![A-Za-z0-9_.-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [`M${g.base64url(25)}.${g.base64url(6)}.${g.base64url(27)}`, `N${g.base64url(23)}.${g.base64url(6)}.${g.base64url(38)}`],
  nearMisses: (g) => [`discord_invite: M${g.base64url(25)}`],
});
