import { classicGithubToken } from './classic-token.js';

export const githubOauthToken = classicGithubToken('github-oauth-token', 'gho_', 'GitHub OAuth access token');
