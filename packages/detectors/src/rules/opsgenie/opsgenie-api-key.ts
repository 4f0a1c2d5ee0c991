import { contextRule } from '../context-rule.js';

export const opsgenieApiKey = contextRule({
  id: 'opsgenie-api-key',
  description: 'Opsgenie API key (with "opsgenie" nearby)',
  provider: 'opsgenie',
  names: ['opsgenie'],
  value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  samples: (g) => [g.uuid()],
  nearMisses: (g) => [`opsgenie_team: ${g.uuid().slice(0, 9)}`],
});
