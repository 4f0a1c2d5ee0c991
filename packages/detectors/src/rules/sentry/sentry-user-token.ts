import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const sentryUserToken = tokenRule({
  id: 'sentry-user-token',
  description: 'Sentry user auth token',
  provider: 'sentry',
  keywords: ['sntryu_'],
  token: 'sntryu_[a-f0-9]{64}',
  left: LEFT_WORD,
  samples: (g) => [`sntryu_${g.hex(64)}`],
  nearMisses: (g) => [`sntryu_${g.hex(63)}`],
});
