import { contextRule } from '../context-rule.js';

export const airtablePat = contextRule({
  id: 'airtable-pat',
  description: 'Airtable personal access token (with "airtable" nearby)',
  provider: 'airtable',
  names: ['airtable'],
  value: 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
  right: '(?![A-Za-z0-9])',
  samples: (g) => [`pat${g.alnum(14)}.${g.hex(64)}`],
  nearMisses: (g) => [`airtable_base = pat${g.alnum(14)}`],
});
