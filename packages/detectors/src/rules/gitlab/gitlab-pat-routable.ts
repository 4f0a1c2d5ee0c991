import { routableGitlabToken } from './gitlab-token.js';

export const gitlabPatRoutable = routableGitlabToken('gitlab-pat-routable', 'glpat-', 'GitLab personal access token (routable, CRC-checked)');
