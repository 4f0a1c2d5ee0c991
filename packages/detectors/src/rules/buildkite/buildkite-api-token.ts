import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const buildkiteApiToken = tokenRule({
  id: 'buildkite-api-token',
  description: 'Buildkite API access token',
  provider: 'buildkite',
  keywords: ['bkua_'],
  token: 'bkua_[a-f0-9]{40}',
  left: LEFT_WORD,
  samples: (g) => [`bkua_${g.hex(40)}`],
  nearMisses: (g) => [`bkua_${g.hex(39)}`],
});
