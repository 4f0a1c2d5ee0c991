import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const sonarqubeToken = tokenRule({
  id: 'sonarqube-token',
  description: 'SonarQube / SonarCloud token (user, project or global analysis)',
  provider: 'sonarqube',
  keywords: ['squ_', 'sqp_', 'sqa_'],
  token: 'sq[upa]_[a-f0-9]{40}',
  left: LEFT_WORD,
  samples: (g) => [`squ_${g.hex(40)}`, `sqp_${g.hex(40)}`, `sqa_${g.hex(40)}`],
  nearMisses: (g) => [`squ_${g.hex(39)}`],
});
