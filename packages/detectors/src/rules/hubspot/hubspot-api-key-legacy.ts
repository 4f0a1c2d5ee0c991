import { contextRule } from '../context-rule.js';

export const hubspotApiKeyLegacy = contextRule({
  id: 'hubspot-api-key-legacy',
  description: 'HubSpot API key, legacy UUID format (with "hubspot" nearby)',
  provider: 'hubspot',
  names: ['hubspot'],
  value: '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}',
  samples: (g) => [g.uuid(), g.uuid().toUpperCase()],
  nearMisses: (g) => [`hubspot_portal: ${g.uuid().slice(0, 8)}`],
});
