import { leftOf } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const azureSearchKey = tokenRule({
  id: 'azure-search-key',
  description: 'Azure AI Search query or admin key (identifiable)',
  provider: 'azure',
  keywords: ['AzSe'],
  token: '[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}',
  left: leftOf('A-Za-z0-9+/_-'),
  right: '(?![A-Za-z0-9+/=_-])',
  mode: 'window',
  window: { before: 46, after: 24 },
  entropy: 4,
  samples: (g) => [`${g.alnum(42)}AzSe${g.pick([...'ABCD'])}${g.alnum(5)}`],
  nearMisses: (g) => [`${g.alnum(42)}AzSeZ${g.alnum(5)}`],
});
