import { contextRule } from '../context-rule.js';

export const snykApiToken = contextRule({
  id: 'snyk-api-token',
  description: 'Snyk API token (with "snyk" nearby)',
  provider: 'snyk',
  names: ['snyk'],
  value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  samples: (g) => [g.uuid()],
  nearMisses: (g) => [`snyk_org_id: ${g.uuid().slice(0, 20)}`],
});
