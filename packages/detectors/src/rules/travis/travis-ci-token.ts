import { contextRule } from '../context-rule.js';

export const travisCiToken = contextRule({
  id: 'travis-ci-token',
  description: 'Travis CI access token (with "travis" nearby)',
  provider: 'travis',
  names: ['travis'],
  value: '[A-Za-z0-9]{22}',
  right: '(?![A-Za-z0-9_-])',
  mixedCase: true,
  entropy: 3.5,
  samples: (g) => [g.alnum(22)],
  nearMisses: (g) => [`travis_branch: ${g.alnum(22)}x`],
});
