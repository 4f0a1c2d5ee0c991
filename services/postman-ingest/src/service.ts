import { PostmanSourceEvent } from '@keyguard/events';
import { type IngestDeps, type IngestServiceConfig, type RunningService, startIngestService, withIngestDefaults } from '@keyguard/ingest-kit';
import { createPostmanApi } from './adapters/postman-api.js';
import type { Config } from './config.js';
import { createPostmanScans, createPostmanWorker } from './consumers/scan-event.js';
import { postmanRoutes } from './http/routes.js';

export type { Config } from './config.js';
export type { RunningService } from '@keyguard/ingest-kit';

/** What `startService` needs: the config, with the operational switches optional (as from env). */
export type ServiceConfig = IngestServiceConfig<Config>;

const service = 'postman-ingest';

/** Starts the Postman receiver and its worker in this process; `deps` lets tests use fresh topics and databases. */
export async function startService(input: ServiceConfig, deps: IngestDeps = {}): Promise<RunningService> {
  const config = withIngestDefaults<Config>(input);
  return startIngestService({
    service,
    provider: 'postman',
    sourceEvent: PostmanSourceEvent,
    config,
    deps,
    routes: (scope, context) => postmanRoutes({ webhookSecret: config.POSTMAN_WEBHOOK_SECRET, scanPrivate: config.SCAN_PRIVATE })(scope, context),
    collect: (context) =>
      createPostmanWorker({
        api: createPostmanApi({ baseUrl: config.POSTMAN_API_URL, apiKey: config.POSTMAN_API_KEY, limits: context.limits.upstream }),
        scanner: context.scanner,
        service,
        maxPerEvent: context.limits.maxExposuresPerEvent,
      }),
    scans: (context) =>
      createPostmanScans({
        api: createPostmanApi({ baseUrl: config.POSTMAN_API_URL, apiKey: config.POSTMAN_API_KEY, limits: context.limits.upstream }),
        scanner: context.scanner,
        service,
        maxPerEvent: context.limits.maxExposuresPerEvent,
      }),
  });
}
