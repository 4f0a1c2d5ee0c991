import { classicGithubToken } from './classic-token.js';

export const githubServerToServerToken = classicGithubToken('github-server-to-server-token', 'ghs_', 'GitHub App installation (server-to-server) token');
