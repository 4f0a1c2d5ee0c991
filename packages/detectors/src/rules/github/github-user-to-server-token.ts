import { classicGithubToken } from './classic-token.js';

export const githubUserToServerToken = classicGithubToken('github-user-to-server-token', 'ghu_', 'GitHub App user-to-server token');
