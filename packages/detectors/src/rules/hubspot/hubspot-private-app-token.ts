import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const hubspotPrivateAppToken = tokenRule({
  id: 'hubspot-private-app-token',
  description: 'HubSpot private app access token',
  provider: 'hubspot',
  keywords: ['pat-na1-', 'pat-eu1-'],
  token: 'pat-(?:na1|eu1)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  left: LEFT_WORD,
  samples: (g) => [`pat-na1-${g.uuid()}`, `pat-eu1-${g.uuid()}`],
  nearMisses: (g) => [`pat-na1-${g.uuid().slice(0, 20)}`],
});
