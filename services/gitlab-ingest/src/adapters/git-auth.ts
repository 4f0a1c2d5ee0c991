/**
 * git config that authenticates HTTPS clones with a GitLab token: `oauth2:<token>` as Basic
 * auth, which GitLab accepts for personal, project and group access tokens. Handed to git
 * through GIT_CONFIG_* variables, never a URL or argv.
 */
export function gitlabGitAuth(token: string | undefined): Record<string, string> | undefined {
  if (!token) return undefined;
  return { 'http.extraHeader': `Authorization: Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}` };
}
