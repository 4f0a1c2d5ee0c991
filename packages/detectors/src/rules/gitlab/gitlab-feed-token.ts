import { legacyGitlabToken } from './gitlab-token.js';

export const gitlabFeedToken = legacyGitlabToken('gitlab-feed-token', 'glft-', 'GitLab feed token');
