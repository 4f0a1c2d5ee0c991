import { LEFT_ALNUM, RIGHT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const jfrogApiKey = tokenRule({
  id: 'jfrog-api-key',
  description: 'JFrog Artifactory API key',
  provider: 'jfrog',
  keywords: ['AKCp'],
  token: 'AKCp[A-Za-z0-9]{69}',
  left: LEFT_ALNUM,
  right: RIGHT_ALNUM,
  entropy: 3.5,
  samples: (g) => [`AKCp8${g.alnum(68)}`],
  nearMisses: (g) => [`AKCp${g.alnum(50)}`],
});
