import { GithubSourceEvent } from '@keyguard/events';
import {
  createPartnerAlertVerifier,
  historyLimits,
  type IngestContext,
  type IngestDeps,
  type IngestServiceConfig,
  type RunningService,
  runHistoryJob,
  type ScanJobRunner,
  scanJobId,
  scanRequestMessage,
  startIngestService,
  withIngestDefaults,
} from '@keyguard/ingest-kit';
import type { GithubAppCredentials } from './adapters/github-api.js';
import { createGithubApis, type GithubApis } from './adapters/github-apis.js';
import { githubGitAuth } from './adapters/git-auth.js';
import { type Config, githubDefaults } from './config.js';
import { createDeliveryReconciler, type RepositoryHook } from './jobs/delivery-reconciler.js';
import { createGithubWorker, MAX_FILE_BYTES } from './consumers/scan-event.js';
import { blobPermalink } from './domain/push.js';
import { githubRoutes } from './http/routes.js';

export type { Config } from './config.js';
export type { RunningService } from '@keyguard/ingest-kit';

/** What `startService` needs: the config, with the operational switches and defaulted URLs optional (as from env). */
export type ServiceConfig = Omit<IngestServiceConfig<Config>, keyof typeof githubDefaults> & Partial<Pick<Config, keyof typeof githubDefaults>>;

const service = 'github-ingest';

/** GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY, when both are set (the config refuses one without the other). */
export const appCredentials = (config: Config): GithubAppCredentials | undefined =>
  config.GITHUB_APP_ID !== undefined && config.GITHUB_APP_PRIVATE_KEY !== undefined
    ? { appId: config.GITHUB_APP_ID, privateKey: config.GITHUB_APP_PRIVATE_KEY }
    : undefined;

/**
 * GitHub's scan jobs: a repository's history (cloned with its installation's token in App
 * mode, GITHUB_TOKEN otherwise, anonymously for public repositories without either), or an App
 * installation's backfill, which lists the installation's repositories and queues one history
 * job for each readable one.
 */
function githubScans(config: Config, apis: GithubApis, context: IngestContext): ScanJobRunner {
  const base = config.GITHUB_GIT_URL.replace(/\/$/, '');
  return async (job) => {
    const { request } = job;
    if (request.kind === 'installation') {
      if (request.installationId === undefined)
        return { status: 'skipped', error: { code: 'NO_INSTALLATION', message: 'an installation backfill needs its installation id' } };
      const repositories = (await apis.for(request.installationId).installationRepositories()).filter((r) => config.SCAN_PRIVATE || !r.private);
      await job.enqueue(
        repositories.map((r) =>
          scanRequestMessage(
            {
              jobId: scanJobId('github', job.job._id, r.fullName),
              provider: 'github',
              kind: 'history',
              target: r.fullName,
              reason: 'installation',
              installationId: request.installationId,
              webUrl: r.htmlUrl,
              sizeKb: r.sizeKb,
            },
            { source: service, correlationId: job.job._id },
          ),
        ),
      );
      job.log.info({ repositories: repositories.length }, 'installation backfill: one history scan queued per repository');
      return { status: 'done' };
    }
    if (request.kind !== 'history') return { status: 'skipped', error: { code: 'UNSUPPORTED', message: 'GitHub scans are history scans of a repository' } };
    const webUrl = request.webUrl ?? `${base}/${request.target}`;
    return runHistoryJob(job, {
      source: 'github',
      service,
      scanner: context.scanner,
      limits: historyLimits(config),
      cloneUrl: `${base}/${request.target}.git`,
      gitConfig: githubGitAuth(await apis.for(request.installationId).gitToken()),
      permalink: (commit, path, line) => blobPermalink(webUrl, commit, path, line),
    });
  };
}

/** Starts the GitHub receiver, its worker and its scan-job worker in this process; `deps` lets tests use fresh topics and databases. */
export async function startService(input: ServiceConfig, deps: IngestDeps = {}): Promise<RunningService> {
  const config = withIngestDefaults<Config>({ ...githubDefaults, ...input });
  const app = appCredentials(config);
  let apis: GithubApis | undefined;
  const apisFor = ({ logger, limits }: IngestContext) => {
    apis ??= createGithubApis({
      baseUrl: config.GITHUB_API_URL,
      token: config.GITHUB_TOKEN,
      app,
      logger,
      limits: limits.upstream,
      maxFileBytes: MAX_FILE_BYTES,
    });
    return apis;
  };
  const running = await startIngestService({
    service,
    provider: 'github',
    sourceEvent: GithubSourceEvent,
    config,
    deps,
    routes: (scope, context) =>
      githubRoutes({
        webhookSecret: config.GITHUB_WEBHOOK_SECRET,
        appWebhookSecret: config.GITHUB_APP_WEBHOOK_SECRET,
        appMode: app !== undefined,
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
    collect: (context) => createGithubWorker({ apis: apisFor(context), scanner: context.scanner, service, maxPerEvent: context.limits.maxExposuresPerEvent }),
    scans: (context) => githubScans(config, apisFor(context), context),
  });
  const hooks = config.GITHUB_RECONCILE_HOOKS.map(parseHook);
  const workerOn = deps.worker ?? config.INGEST_WORKER;
  if (!workerOn || config.GITHUB_RECONCILE_INTERVAL_MS === 0 || (app === undefined && hooks.length === 0)) return running;
  const reconciler = createDeliveryReconciler({
    store: running.context.store,
    logger: running.context.logger.child({ component: 'delivery-reconciler' }),
    baseUrl: config.GITHUB_API_URL,
    app,
    hooks,
    token: config.GITHUB_TOKEN,
    lookbackMs: config.GITHUB_RECONCILE_LOOKBACK_MS,
    limits: running.context.limits.upstream,
  });
  const loop = reconciler.start(config.GITHUB_RECONCILE_INTERVAL_MS);
  return {
    ...running,
    async stop() {
      await loop.stop();
      await running.stop();
    },
  };
}

/** `owner/repo:hookId` (validated by the config schema). */
const parseHook = (spec: string): RepositoryHook => {
  const [fullName = '', id = '0'] = spec.split(':');
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo, hookId: Number(id) };
};
