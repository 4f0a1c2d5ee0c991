import { ALPHABETS } from '../../samples/generator.js';
import { tokenRule } from '../token-rule.js';

const cookie = (value: string) => ({ text: `_gitlab_session=${value}`, secret: value });

/** The cookie value is the secret; `Cookie: _gitlab_session=…` in a curl line or a HAR file is a live session. */
export const gitlabSessionCookie = tokenRule({
  id: 'gitlab-session-cookie',
  description: 'GitLab session cookie (_gitlab_session)',
  provider: 'gitlab',
  keywords: ['_gitlab_session='],
  token: '_gitlab_session=(?<secret>[0-9a-z]{32})',
  right: '(?![0-9A-Za-z])',
  samples: (g) => [cookie(g.chars(ALPHABETS.base36, 32))],
  nearMisses: (g) => [`_gitlab_session=${g.chars(ALPHABETS.base36, 31)}`],
});
