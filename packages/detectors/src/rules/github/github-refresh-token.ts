import { classicGithubToken } from './classic-token.js';

export const githubRefreshToken = classicGithubToken('github-refresh-token', 'ghr_', 'GitHub App refresh token');
