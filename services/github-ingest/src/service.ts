import { createPartnerAlertVerifier, historyLimits, type IngestDeps, type IngestServiceConfig, type RunningService, runHistoryJob, startIngestService, withIngestDefaults } from '@keyguard/ingest-kit';
import { createGithubApi } from './adapters/github-api.js';
import { githubGitAuth } from './adapters/git-auth.js';
import { blobPermalink } from './domain/push.js';
import { type Config, DEFAULT_GITHUB_GIT_URL } from './config.js';
import { createGithubWorker } from './consumers/scan-event.js';
import { githubRoutes } from './http/routes.js';

export type { Config } from './config.js';
export type { RunningService } from '@keyguard/ingest-kit';

/** What `startService` needs: the config, with the operational switches and defaulted URLs optional (as from env). */
export type ServiceConfig = Omit<IngestServiceConfig<Config>, 'GITHUB_GIT_URL'> & Partial<Pick<Config, 'GITHUB_GIT_URL'>>;

const service = 'github-ingest';

/** Starts the GitHub receiver and its worker in this process; `deps` lets tests use fresh topics and databases. */
export async function startService(input: ServiceConfig, deps: IngestDeps = {}): Promise<RunningService> {
  const config = withIngestDefaults<Config>({ GITHUB_GIT_URL: DEFAULT_GITHUB_GIT_URL, ...input });
  return startIngestService({
    service,
    provider: 'github',
    config,
    deps,
    routes: (scope, context) =>
      githubRoutes({
        webhookSecret: config.GITHUB_WEBHOOK_SECRET,
        scanPrivate: config.SCAN_PRIVATE,
        partnerVerifier: createPartnerAlertVerifier({
          headerPrefix: 'github',
          keysUrl: config.GITHUB_PARTNER_KEYS_URL,
          token: config.GITHUB_TOKEN,
          logger: context.logger,
        }),
      })(scope, context),
    collect: (context) =>
      createGithubWorker({
        api: createGithubApi({ baseUrl: config.GITHUB_API_URL, token: config.GITHUB_TOKEN, logger: context.logger }),
        scanner: context.scanner,
        service,
      }),
    scans: (context) => async (job) => {
      if (job.request.kind !== 'history') return { status: 'skipped', error: { code: 'UNSUPPORTED', message: 'GitHub scans are history scans of a repository' } };
      const base = config.GITHUB_GIT_URL.replace(/\/$/, '');
      const webUrl = job.request.webUrl ?? `${base}/${job.request.target}`;
      return runHistoryJob(job, {
        source: 'github',
        service,
        scanner: context.scanner,
        limits: historyLimits(config),
        cloneUrl: `${base}/${job.request.target}.git`,
        gitConfig: githubGitAuth(config.GITHUB_TOKEN),
        permalink: (commit, path, line) => blobPermalink(webUrl, commit, path, line),
      });
    },
  });
}
