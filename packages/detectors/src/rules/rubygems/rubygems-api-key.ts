import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const rubygemsApiKey = tokenRule({
  id: 'rubygems-api-key',
  description: 'RubyGems API key',
  provider: 'rubygems',
  keywords: ['rubygems_'],
  token: 'rubygems_[a-f0-9]{48}',
  left: LEFT_WORD,
  samples: (g) => [`rubygems_${g.hex(48)}`],
  nearMisses: (g) => [`rubygems_${g.hex(47)}`],
});
