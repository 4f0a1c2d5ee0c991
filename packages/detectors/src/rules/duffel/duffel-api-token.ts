import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const duffelApiToken = tokenRule({
  id: 'duffel-api-token',
  description: 'Duffel API token',
  provider: 'duffel',
  keywords: ['duffel_live_', 'duffel_test_'],
  token: 'duffel_(?:live|test)_[A-Za-z0-9_=-]{43}',
  left: LEFT_WORD,
  right: '(?![A-Za-z0-9_=-])',
  entropy: 4,
  samples: (g) => [`duffel_test_${g.base64url(43)}`, `duffel_live_${g.base64url(43)}`],
  nearMisses: (g) => [`duffel_test_${g.base64url(42)}`],
});
