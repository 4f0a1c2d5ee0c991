import { LEFT_BASE64 } from '../../boundaries.js';
import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

export const azureContainerRegistryKey = tokenRule({
  id: 'azure-container-registry-key',
  description: 'Azure Container Registry access key (identifiable)',
  provider: 'azure',
  keywords: ['+ACR'],
  token: '[A-Za-z0-9+/]{42}\\+ACR[A-D][A-Za-z0-9+/]{5}',
  left: LEFT_BASE64,
  right: '(?![A-Za-z0-9+/=_-])',
  mode: 'window',
  window: { before: 46, after: 24 },
  entropy: 4,
  samples: (g) => [`${g.chars(ALPHABETS.base64, 42)}+ACR${g.pick([...'ABCD'])}${g.chars(ALPHABETS.base64, 5)}`],
  nearMisses: (g) => [`${g.chars(ALPHABETS.base64, 42)}+ACRX${g.chars(ALPHABETS.base64, 5)}`],
});
