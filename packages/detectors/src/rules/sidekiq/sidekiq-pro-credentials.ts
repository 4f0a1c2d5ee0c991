import { contextRule } from '../context-rule.js';

/** Bundler reads the gem server login from `BUNDLE_GEMS__CONTRIBSYS__COM` / `BUNDLE_ENTERPRISE__CONTRIBSYS__COM`. */
export const sidekiqProCredentials = contextRule({
  id: 'sidekiq-pro-credentials',
  description: 'Sidekiq Pro/Enterprise gem server credentials (BUNDLE_GEMS__CONTRIBSYS__COM=…)',
  provider: 'sidekiq',
  names: ['contribsys'],
  value: '[a-f0-9]{8}:[a-f0-9]{8}',
  right: '(?![A-Za-z0-9])',
  entropy: 2.5,
  samples: (g) => [`${g.hex(8)}:${g.hex(8)}`],
  nearMisses: (g) => [`BUNDLE_GEMS__CONTRIBSYS__COM=${g.hex(8)}`],
});
