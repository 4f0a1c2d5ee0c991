import { contextRule } from '../context-rule.js';

export const lobApiKey = contextRule({
  id: 'lob-api-key',
  description: 'Lob API key (with LOB_API_KEY or similar nearby)',
  provider: 'lob',
  names: ['lob_api', 'lob_secret', 'lob_key', 'lobapi', 'lobkey'],
  value: '(?:live|test)_[a-f0-9]{35}',
  entropy: 3,
  samples: (g) => [`live_${g.hex(35)}`, `test_${g.hex(35)}`],
  nearMisses: (g) => [`lob_api_version: live_${g.hex(10)}`],
});
