import { contextRule } from '../context-rule.js';

export const airtableApiKey = contextRule({
  id: 'airtable-api-key',
  description: 'Airtable API key, legacy key… format (with "airtable" nearby)',
  provider: 'airtable',
  names: ['airtable'],
  value: 'key[A-Za-z0-9]{14}',
  right: '(?![A-Za-z0-9_-])',
  entropy: 3,
  samples: (g) => [`key${g.alnum(14)}`],
  nearMisses: (g) => [`airtable_table: key${g.alnum(5)}`],
});
