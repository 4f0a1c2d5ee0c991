import { createPartnerAlertVerifier, type IngestDeps, type IngestServiceConfig, type RunningService, startIngestService, withIngestDefaults } from '@keyguard/ingest-kit';
import { createGithubApi } from './adapters/github-api.js';
import type { Config } from './config.js';
import { createGithubWorker, MAX_FILE_BYTES } from './consumers/scan-event.js';
import { githubRoutes } from './http/routes.js';

export type { Config } from './config.js';
export type { RunningService } from '@keyguard/ingest-kit';

/** What `startService` needs: the config, with the operational switches optional (as from env). */
export type ServiceConfig = IngestServiceConfig<Config>;

const service = 'github-ingest';

/** Starts the GitHub receiver and its worker in this process; `deps` lets tests use fresh topics and databases. */
export async function startService(input: ServiceConfig, deps: IngestDeps = {}): Promise<RunningService> {
  const config = withIngestDefaults<Config>(input);
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
          limits: context.limits.upstream,
          ...deps.partnerKeys,
        }),
      })(scope, context),
    collect: (context) =>
      createGithubWorker({
        api: createGithubApi({ baseUrl: config.GITHUB_API_URL, token: config.GITHUB_TOKEN, logger: context.logger, limits: context.limits.upstream, maxFileBytes: MAX_FILE_BYTES }),
        scanner: context.scanner,
        service,
        maxPerEvent: context.limits.maxExposuresPerEvent,
      }),
  });
}
