import { tokenRule } from '../token-rule.js';

export const gitlabCicdJobToken = tokenRule({
  id: 'gitlab-cicd-job-token',
  description: 'GitLab CI/CD job token',
  provider: 'gitlab',
  keywords: ['glcbt-'],
  token: 'glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}',
  samples: (g) => [`glcbt-${g.alnum(g.int(1, 5))}_${g.base64url(20)}`, `glcbt-${g.alnum(5)}_${g.alnum(20)}`],
  nearMisses: (g) => [`glcbt-${g.alnum(3)}_${g.base64url(19)}`, `glcbt-${g.alnum(6)}_${g.base64url(20)}`],
});
