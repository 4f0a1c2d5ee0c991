import type { Logger } from '@keyguard/logger';
import type { UpstreamLimits } from '@keyguard/ingest-kit';
import { createGithubApi, type GithubApi, type GithubAppCredentials } from './github-api.js';

/**
 * GitHub clients by who they act as: an App installation (one client each, so
 * @octokit/auth-app keeps and renews each installation's token), or the static GITHUB_TOKEN
 * (plain repository webhooks, and events without an installation).
 */
export function createGithubApis(options: {
  baseUrl: string;
  token?: string;
  app?: GithubAppCredentials;
  logger: Logger;
  limits: UpstreamLimits;
  maxFileBytes: number;
}) {
  const { token, app, ...common } = options;
  const plain = createGithubApi({ ...common, token });
  const installations = new Map<number, GithubApi>();
  return {
    /** The client for an event: its installation's when App mode is on and the event names one. */
    for(installationId?: number): GithubApi {
      if (!app || installationId === undefined) return plain;
      let api = installations.get(installationId);
      if (!api) {
        api = createGithubApi({ ...common, installation: { ...app, installationId } });
        installations.set(installationId, api);
      }
      return api;
    },
  };
}
export type GithubApis = ReturnType<typeof createGithubApis>;
