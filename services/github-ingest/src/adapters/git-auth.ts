/**
 * git config that authenticates HTTPS clones with a GitHub token (an installation token or a
 * PAT): `x-access-token:<token>` as Basic auth, as GitHub documents for App installation
 * tokens. Handed to git through GIT_CONFIG_* variables, never a URL or argv.
 */
export function githubGitAuth(token: string | undefined): Record<string, string> | undefined {
  if (!token) return undefined;
  return { 'http.extraHeader': `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` };
}
