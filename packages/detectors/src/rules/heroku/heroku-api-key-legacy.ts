import { contextRule } from '../context-rule.js';

export const herokuApiKeyLegacy = contextRule({
  id: 'heroku-api-key-legacy',
  description: 'Heroku API key, legacy UUID format (with "heroku" nearby)',
  provider: 'heroku',
  names: ['heroku'],
  value: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  samples: (g) => [g.uuid(), g.uuid().toUpperCase()],
  nearMisses: (g) => [`heroku_app_id = ${g.uuid().slice(0, 30)}`],
});
