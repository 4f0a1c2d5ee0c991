import { legacyGitlabToken } from './gitlab-token.js';

export const gitlabPat = legacyGitlabToken('gitlab-pat', 'glpat-', 'GitLab personal access token (legacy 20-character)');
