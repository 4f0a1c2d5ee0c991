import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const plaidAccessToken = tokenRule({
  id: 'plaid-access-token',
  description: 'Plaid access token',
  provider: 'plaid',
  keywords: ['access-sandbox-', 'access-development-', 'access-production-'],
  token: 'access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  left: LEFT_WORD,
  samples: (g) => [`access-production-${g.uuid()}`, `access-sandbox-${g.uuid()}`],
  nearMisses: (g) => [`access-sandbox-${g.uuid().slice(0, 20)}`],
});
