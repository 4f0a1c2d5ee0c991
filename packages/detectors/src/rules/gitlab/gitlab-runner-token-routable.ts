import { routableGitlabToken } from './gitlab-token.js';

export const gitlabRunnerTokenRoutable = routableGitlabToken(
  'gitlab-runner-token-routable',
  'glrt-',
  'GitLab runner authentication token (routable, CRC-checked)',
  true,
);
