import { legacyGitlabToken } from './gitlab-token.js';

export const gitlabDeployToken = legacyGitlabToken('gitlab-deploy-token', 'gldt-', 'GitLab deploy token');
