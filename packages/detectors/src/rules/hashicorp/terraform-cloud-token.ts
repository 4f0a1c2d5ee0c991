import { LEFT_ALNUM } from '../../boundaries.js';
import { tokenRule } from '../token-rule.js';

export const terraformCloudToken = tokenRule({
  id: 'terraform-cloud-token',
  description: 'Terraform Cloud / Enterprise API token',
  provider: 'hashicorp',
  keywords: ['.atlasv1.'],
  token: '[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}',
  left: LEFT_ALNUM,
  mode: 'window',
  window: { before: 16, after: 80 },
  entropy: 3.5,
  samples: (g) => [`${g.alnum(14)}.atlasv1.${g.base64url(67)}`],
  nearMisses: (g) => [`${g.alnum(14)}.atlasv1.${g.base64url(40)}`],
});
