import { leftOf, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const newRelicLicenseKey = tokenRule({
  id: 'new-relic-license-key',
  description: 'New Relic ingest license key',
  provider: 'newrelic',
  keywords: ['NRAL'],
  token: '[a-f0-9]{36}NRAL',
  left: leftOf('A-Za-z0-9'),
  right: RIGHT_ALNUM,
  mode: 'window',
  window: { before: 40, after: 8 },
  samples: (g) => [`${g.hex(36)}NRAL`],
  nearMisses: (g) => [`${g.hex(30)}NRAL`],
});
