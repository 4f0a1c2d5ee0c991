import { classicGithubToken } from './classic-token.js';

export const githubPatClassic = classicGithubToken('github-pat-classic', 'ghp_', 'GitHub personal access token (classic)');
