import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const circleciPersonalToken = tokenRule({
  id: 'circleci-personal-token',
  description: 'CircleCI personal API token',
  provider: 'circleci',
  keywords: ['CCIPAT_'],
  token: 'CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}',
  left: LEFT_WORD,
  samples: (g) => [`CCIPAT_${g.alnum(22)}_${g.hex(40)}`],
  nearMisses: (g) => [`CCIPAT_${g.alnum(22)}_${g.hex(30)}`],
});
