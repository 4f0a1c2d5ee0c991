import { runService } from '@keyguard/runtime';
import { loadConfig } from './config.js';
import { startService } from './service.js';

/** Composition root: config → logger → the service; stops gracefully on SIGTERM/SIGINT. */
runService('relay', loadConfig, startService);
