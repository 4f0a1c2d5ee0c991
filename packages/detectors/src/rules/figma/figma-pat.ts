import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const figmaPat = tokenRule({
  id: 'figma-pat',
  description: 'Figma personal access token',
  provider: 'figma',
  keywords: ['figd_'],
  token: 'figd_[A-Za-z0-9_-]{40}',
  left: LEFT_WORD,
  entropy: 3.5,
  samples: (g) => [`figd_${g.base64url(40)}`],
  nearMisses: (g) => [`figd_${g.base64url(39)}`],
});
