import { leftOf, RIGHT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const maxmindLicenseKey = tokenRule({
  id: 'maxmind-license-key',
  description: 'MaxMind license key',
  provider: 'maxmind',
  keywords: ['_mmk'],
  token: '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk',
  left: leftOf('A-Za-z0-9_'),
  right: RIGHT_WORD,
  mode: 'window',
  window: { before: 40, after: 8 },
  entropy: 3.5,
  samples: (g) => [`${g.alnum(6)}_${g.alnum(29)}_mmk`],
  nearMisses: (g) => [`${g.alnum(6)}_${g.alnum(20)}_mmk`],
});
