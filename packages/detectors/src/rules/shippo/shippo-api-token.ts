import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const shippoApiToken = tokenRule({
  id: 'shippo-api-token',
  description: 'Shippo API token',
  provider: 'shippo',
  keywords: ['shippo_live_', 'shippo_test_'],
  token: 'shippo_(?:live|test)_[a-fA-F0-9]{40}',
  left: LEFT_WORD,
  samples: (g) => [`shippo_live_${g.hex(40)}`, `shippo_test_${g.hex(40)}`],
  nearMisses: (g) => [`shippo_live_${g.hex(39)}`],
});
