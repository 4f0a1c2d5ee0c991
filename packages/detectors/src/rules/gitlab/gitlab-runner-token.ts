import { legacyGitlabToken } from './gitlab-token.js';

export const gitlabRunnerToken = legacyGitlabToken('gitlab-runner-token', 'glrt-', 'GitLab runner authentication token');
