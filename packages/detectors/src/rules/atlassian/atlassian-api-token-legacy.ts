import { contextRule } from '../context-rule.js';

export const atlassianApiTokenLegacy = contextRule({
  id: 'atlassian-api-token-legacy',
  description: 'Atlassian API token, legacy 24-character format (with "atlassian"/"jira"/"confluence" nearby)',
  provider: 'atlassian',
  names: ['atlassian', 'jira', 'confluence'],
  value: '[A-Za-z0-9]{24}',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.alnum(24)],
  nearMisses: (g) => [`JIRA_URL=https://acme.atlassian.net/${g.alnum(24)}`, `jira_project: ${g.alnum(24)}x`],
});
