import { createLogger } from '@keyguard/logger';
import { createLifecycle, runMain } from '@keyguard/runtime';
import { loadConfig } from './config.js';
import { startService } from './service.js';

/** Composition root: config → logger → the service; stops gracefully on SIGTERM/SIGINT. */
runMain('sample-api', async () => {
  const config = loadConfig();
  const logger = createLogger({ name: 'sample-api', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle(logger);
  const running = await startService(config, { logger });
  lifecycle.onStop('sample-api', running.stop);
  logger.info({ port: running.port, metricsPort: running.metricsPort, url: `http://${config.HOST}:${running.port}/v1/me` }, 'sample-api listening');
});
