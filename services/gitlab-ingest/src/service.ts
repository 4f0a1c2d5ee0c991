import { GitlabSourceEvent } from '@keyguard/events';
import {
  createPartnerAlertVerifier,
  historyLimits,
  type IngestDeps,
  type IngestServiceConfig,
  type RunningService,
  runHistoryJob,
  startIngestService,
  withIngestDefaults,
} from '@keyguard/ingest-kit';
import { createGitlabApi } from './adapters/gitlab-api.js';
import { gitlabGitAuth } from './adapters/git-auth.js';
import { blobPermalink } from './domain/push.js';
import type { Config } from './config.js';
import { createGitlabWorker } from './consumers/scan-event.js';
import { gitlabRoutes } from './http/routes.js';

export type { Config } from './config.js';
export type { RunningService } from '@keyguard/ingest-kit';

/** What `startService` needs: the config, with the operational switches optional (as from env). */
export type ServiceConfig = IngestServiceConfig<Config>;

const service = 'gitlab-ingest';

/** Starts the GitLab receiver and its worker in this process; `deps` lets tests use fresh topics and databases. */
export async function startService(input: ServiceConfig, deps: IngestDeps = {}): Promise<RunningService> {
  const config = withIngestDefaults<Config>(input);
  const gitBase = (config.GITLAB_GIT_URL ?? config.GITLAB_URL).replace(/\/$/, '');
  return startIngestService({
    service,
    provider: 'gitlab',
    sourceEvent: GitlabSourceEvent,
    config,
    deps,
    routes: (scope, context) =>
      gitlabRoutes({
        webhookToken: config.GITLAB_WEBHOOK_TOKEN,
        scanPrivate: config.SCAN_PRIVATE,
        webUrl: gitBase,
        partnerVerifier: config.GITLAB_PARTNER_KEYS_URL
          ? createPartnerAlertVerifier({
              headerPrefix: 'gitlab',
              keysUrl: config.GITLAB_PARTNER_KEYS_URL,
              logger: context.logger,
              limits: context.limits.upstream,
              ...deps.partnerKeys,
            })
          : undefined,
      })(scope, context),
    collect: (context) =>
      createGitlabWorker({
        api: createGitlabApi({ host: config.GITLAB_URL, token: config.GITLAB_TOKEN, limits: context.limits.upstream }),
        scanner: context.scanner,
        service,
        maxPerEvent: context.limits.maxExposuresPerEvent,
      }),
    scans: (context) => async (job) => {
      if (job.request.kind !== 'history') return { status: 'skipped', error: { code: 'UNSUPPORTED', message: 'GitLab scans are history scans of a project' } };
      const webUrl = job.request.webUrl ?? `${gitBase}/${job.request.target}`;
      return runHistoryJob(job, {
        source: 'gitlab',
        service,
        scanner: context.scanner,
        limits: historyLimits(config),
        cloneUrl: `${gitBase}/${job.request.target}.git`,
        gitConfig: gitlabGitAuth(config.GITLAB_TOKEN),
        permalink: (commit, path, line) => blobPermalink(webUrl, commit, path, line),
      });
    },
  });
}
