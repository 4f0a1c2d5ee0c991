import { LEFT_WORD, RIGHT_WORD } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const octopusDeployApiKey = tokenRule({
  id: 'octopus-deploy-api-key',
  description: 'Octopus Deploy API key',
  provider: 'octopus',
  keywords: ['API-'],
  token: 'API-[A-Z0-9]{26,32}',
  left: LEFT_WORD,
  right: RIGHT_WORD,
  entropy: 3.5,
  samples: (g) => [`API-${g.chars(ALPHABETS.upperAlnum, 26)}`],
  nearMisses: (g) => [`API-${g.chars(ALPHABETS.upperAlnum, 20)}`, `API-VERSION-${g.chars(ALPHABETS.upperAlnum, 26)}`],
});
