import { contextRule } from '../context-rule.js';

export const sentryAuthTokenLegacy = contextRule({
  id: 'sentry-auth-token-legacy',
  description: 'Sentry auth token, legacy 64-hex format (with "sentry" nearby)',
  provider: 'sentry',
  names: ['sentry'],
  value: '[a-f0-9]{64}',
  samples: (g) => [g.hex(64)],
  nearMisses: (g) => [`sentry_release: ${g.hex(40)}`],
});
