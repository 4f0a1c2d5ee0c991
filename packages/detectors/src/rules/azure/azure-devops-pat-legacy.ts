import { ALPHABETS } from '../../samples/generator.js';
import { contextRule } from '../context-rule.js';

export const azureDevopsPatLegacy = contextRule({
  id: 'azure-devops-pat-legacy',
  description: 'Azure DevOps personal access token, legacy 52-character format (with "azure devops"/"ado" nearby)',
  provider: 'azure',
  names: ['azure_devops', 'azuredevops', 'azure-devops', 'ado_pat', 'devops_pat', 'AZURE_DEVOPS'],
  value: '[a-z2-7]{52}',
  right: '(?![A-Za-z0-9])',
  entropy: 3.5,
  samples: (g) => [g.chars('abcdefghijklmnopqrstuvwxyz234567', 52)],
  nearMisses: (g) => [`AZURE_DEVOPS_ORG=${g.chars(ALPHABETS.lower, 20)}`],
});
