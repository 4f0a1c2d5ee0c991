import { contextRule } from '../context-rule.js';

export const pagerdutyApiKey = contextRule({
  id: 'pagerduty-api-key',
  description: 'PagerDuty API key (with "pagerduty" nearby)',
  provider: 'pagerduty',
  names: ['pagerduty', 'pager_duty'],
  value: '[A-Za-z0-9_+-]{20}',
  right: '(?![A-Za-z0-9_+-])',
  entropy: 3.5,
  samples: (g) => [`u+${g.base64url(18)}`, g.alnum(20)],
  nearMisses: (g) => [`pagerduty_service: ${g.alnum(7)}`],
});
