import { RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

const npmrc = (token: string) => ({ text: `//registry.npmjs.org/:_authToken=${token}`, secret: token });

/** Tokens created before npm's `npm_` format are UUIDs; in an `.npmrc` line they are unambiguous. */
export const npmLegacyAuthToken = tokenRule({
  id: 'npm-legacy-auth-token',
  description: 'npm legacy auth token in .npmrc (_authToken = UUID)',
  provider: 'npm',
  keywords: [':_authToken='],
  token: ':_authToken=(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
  left: '(?<=/)',
  right: RIGHT_ALNUM,
  samples: (g) => [npmrc(g.uuid())],
  nearMisses: () => [`//registry.npmjs.org/:_authToken=${'$'}{NPM_TOKEN}`],
});
