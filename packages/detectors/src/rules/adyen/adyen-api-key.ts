import { ALPHABETS } from '../../samples/generator.js';
import { contextRule } from '../context-rule.js';

export const adyenApiKey = contextRule({
  id: 'adyen-api-key',
  description: 'Adyen API key (with "adyen" nearby)',
  provider: 'adyen',
  names: ['adyen'],
  value: 'AQE[A-Za-z0-9+/=_-]{80,400}',
  maxLength: 410,
  entropy: 4,
  samples: (g) => [`AQE${g.base64url(40)}-${g.chars(ALPHABETS.base64, 40)}-${g.base64url(30)}`],
  nearMisses: (g) => [`adyen_merchant: AQE${g.alnum(20)}`],
});
