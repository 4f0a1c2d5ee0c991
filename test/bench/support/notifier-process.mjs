#!/usr/bin/env node
// The notifier in its own process, for bench:alerts (so its CPU time is its own, read from
// /proc/<pid>/stat): BENCH_NOTIFIER holds {config, topics, groupId} as JSON, config as environment
// strings that the notifier's own schema parses (defaults included). Prints
// {"event":"ready"} once running and stops gracefully on SIGTERM.
import { createLogger } from '@keyguard/logger';
import { Config } from '@keyguard/notifier/config';
import { startService } from '@keyguard/notifier/service';

const { config: settings, topics, groupId } = JSON.parse(process.env.BENCH_NOTIFIER);
const config = Config.parse(settings);
const logger = createLogger({ name: 'bench-notifier', level: config.LOG_LEVEL ?? 'warn' });
const notifier = await startService(config, { logger, topics, groupId });
process.stdout.write(`${JSON.stringify({ event: 'ready' })}\n`);
process.on('SIGTERM', async () => {
  await notifier.stop();
  process.exit(0);
});
