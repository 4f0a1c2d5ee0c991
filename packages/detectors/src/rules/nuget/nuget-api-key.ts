import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const nugetApiKey = tokenRule({
  id: 'nuget-api-key',
  description: 'NuGet API key',
  provider: 'nuget',
  keywords: ['oy2'],
  token: 'oy2[a-z2-7]{43}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  samples: (g) => [`oy2${g.chars('abcdefghijklmnopqrstuvwxyz234567', 43)}`],
  nearMisses: (g) => [`oy2${g.chars('abcdefghijklmnopqrstuvwxyz234567', 42)}`],
});
