import { LEFT_TOKEN, pattern, RIGHT_TOKEN } from '../../boundaries.js';
import type { Rule } from '../../types.js';

/** PyPI API tokens are macaroons whose serialisation starts with the pypi.org location. */
export const pypiUploadToken: Rule = {
  id: 'pypi-upload-token',
  description: 'PyPI API token',
  provider: 'pypi',
  keywords: ['pypi-AgEIcHlwaS5vcmc'],
  pattern: pattern(LEFT_TOKEN, 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}', RIGHT_TOKEN),
  window: { after: 1100 },
  confidence: 'high',
  entropy: 4,
  samples: {
    truePositives: (g) => [`pypi-AgEIcHlwaS5vcmc${g.base64url(g.int(60, 200))}`],
    falsePositives: (g) => [`pypi-AgEIcHlwaS5vcmc${g.base64url(40)}`, 'pypi-AgEIcHlwaS5vcmc'],
  },
};
