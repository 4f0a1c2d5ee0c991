import { contextRule } from '../context-rule.js';

export const zendeskApiToken = contextRule({
  id: 'zendesk-api-token',
  description: 'Zendesk API token (with "zendesk" nearby)',
  provider: 'zendesk',
  names: ['zendesk'],
  value: '[A-Za-z0-9]{40}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 4,
  samples: (g) => [g.alnum(40)],
  nearMisses: (g) => [`zendesk_subdomain: ${g.alnum(12)}`],
});
