import { createLogger } from '@keyguard/logger';
import { createLifecycle, runMain } from '@keyguard/runtime';
import { loadConfig } from './config.js';
import { startService } from './service.js';

const service = 'postman-ingest';

/** Composition root: config → the service (receiver + worker); stops gracefully on SIGTERM/SIGINT. */
runMain(service, async () => {
  const config = loadConfig();
  const logger = createLogger({ name: service, level: config.LOG_LEVEL });
  const lifecycle = createLifecycle(logger);
  const running = await startService(config, { logger });
  lifecycle.onStop(service, running.stop);
});
