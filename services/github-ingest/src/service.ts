import { createPartnerAlertVerifier, type IngestDeps, type RunningService, startIngestService } from '@keyguard/ingest-kit';
import { createGithubApi } from './adapters/github-api.js';
import type { Config } from './config.js';
import { createGithubWorker } from './consumers/scan-event.js';
import { githubRoutes } from './http/routes.js';

export type { Config } from './config.js';
export type { RunningService } from '@keyguard/ingest-kit';

/** What `startService` needs: the config, with the operational switches optional (as from env). */
export type ServiceConfig = Omit<Config, Defaulted> & Partial<Pick<Config, Defaulted>>;
type Defaulted = 'HOST' | 'LOG_LEVEL' | 'SCAN_PRIVATE' | 'INGEST_WORKER' | 'INGEST_RECEIVER' | 'PUBLISH_TIMEOUT_MS';
const defaults: Pick<Config, Defaulted> = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  SCAN_PRIVATE: false,
  INGEST_WORKER: true,
  INGEST_RECEIVER: true,
  PUBLISH_TIMEOUT_MS: 3000,
};

const service = 'github-ingest';

/** Starts the GitHub receiver and its worker in this process; `deps` lets tests use fresh topics and databases. */
export async function startService(input: ServiceConfig, deps: IngestDeps = {}): Promise<RunningService> {
  const config: Config = { ...defaults, ...input };
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
  });
}
