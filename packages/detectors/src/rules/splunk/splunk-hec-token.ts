import { contextRule } from '../context-rule.js';

export const splunkHecToken = contextRule({
  id: 'splunk-hec-token',
  description: 'Splunk HTTP Event Collector token (with "splunk"/HEC nearby)',
  provider: 'splunk',
  names: ['splunk'],
  value: '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}',
  samples: (g) => [g.uuid(), g.uuid().toUpperCase()],
  nearMisses: (g) => [`splunk_index: ${g.uuid().slice(0, 9)}`],
});
