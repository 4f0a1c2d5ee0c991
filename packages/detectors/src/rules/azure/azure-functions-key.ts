import { LEFT_TOKEN, RIGHT_BASE64 } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const azureFunctionsKey = tokenRule({
  id: 'azure-functions-key',
  description: 'Azure Functions access key (identifiable)',
  provider: 'azure',
  keywords: ['AzFu'],
  token: '[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==',
  left: LEFT_TOKEN,
  right: RIGHT_BASE64,
  mode: 'window',
  window: { before: 48, after: 24 },
  entropy: 4,
  samples: (g) => [`${g.base64url(44)}AzFu${g.base64url(5)}${g.pick([...'AQgw'])}==`],
  nearMisses: (g) => [`${g.base64url(40)}AzFu${g.base64url(5)}A==`],
});
