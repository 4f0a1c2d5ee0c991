import { contextRule } from '../context-rule.js';

export const launchdarklyKey = contextRule({
  id: 'launchdarkly-key',
  description: 'LaunchDarkly API or SDK key (with "launchdarkly" nearby)',
  provider: 'launchdarkly',
  names: ['launchdarkly', 'launch_darkly'],
  value: '(?:api|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  samples: (g) => [`sdk-${g.uuid()}`, `api-${g.uuid()}`],
  nearMisses: (g) => [`launchdarkly_env: sdk-${g.uuid().slice(0, 8)}`],
});
