import { createLogger } from '@keyguard/logger';
import { createLifecycle, runMain } from '@keyguard/runtime';
import { loadConfig } from './config.js';
import { startService } from './service.js';

/** Composition root: config → logger → the service; stops gracefully on SIGTERM/SIGINT. */
runMain('relay', async () => {
  const config = loadConfig();
  const logger = createLogger({ name: 'relay', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle(logger);
  const running = await startService(config, { logger });
  lifecycle.onStop('relay', running.stop);
});
