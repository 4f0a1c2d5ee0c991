import { LEFT_WORD } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const databricksApiToken = tokenRule({
  id: 'databricks-api-token',
  description: 'Databricks personal access token',
  provider: 'databricks',
  keywords: ['dapi'],
  token: 'dapi[a-f0-9]{32}(?:-[0-9])?',
  left: LEFT_WORD,
  samples: (g) => [`dapi${g.hex(32)}`, `dapi${g.hex(32)}-2`],
  nearMisses: (g) => [`dapi${g.hex(31)}`],
});
