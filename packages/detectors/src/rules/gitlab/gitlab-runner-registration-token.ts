import { legacyGitlabToken } from './gitlab-token.js';

export const gitlabRunnerRegistrationToken = legacyGitlabToken('gitlab-runner-registration-token', 'GR1348941', 'GitLab runner registration token');
