import { ALPHABETS } from '../../samples/generator.js';
import { contextRule } from '../context-rule.js';

export const twitchApiToken = contextRule({
  id: 'twitch-api-token',
  description: 'Twitch API token or client secret (with "twitch" nearby)',
  provider: 'twitch',
  names: ['twitch'],
  value: '[a-z0-9]{30}',
  right: '(?![A-Za-z0-9_-])',
  entropy: 3.5,
  samples: (g) => [g.chars(ALPHABETS.base36, 30)],
  nearMisses: (g) => [`twitch_channel: ${g.chars(ALPHABETS.base36, 12)}`],
});
