#!/usr/bin/env node
/**
 * `npm run chaos [-- --brokers 1|3|both] [scenario ...]`: builds, then runs test/chaos/run.mjs,
 * which starts its own engines (one and three brokers) and services as separate processes and
 * injects one fault per scenario. Minutes, not part of `npm test` (a reduced version is:
 * test/chaos/reduced.e2e.test.ts).
 */
import { join } from 'node:path';
import { ensureBuilt } from '../lib/build-state.mjs';
import { ensureNodeModules } from '../lib/deps.mjs';
import { root } from '../lib/paths.mjs';
import { run, stopAllOnSignals } from '../lib/process.mjs';

stopAllOnSignals();
const log = (message) => console.log(`[keyguard chaos] ${message}`);
try {
  await ensureNodeModules(log);
  log(await ensureBuilt());
  await run(process.execPath, [join(root, 'test/chaos/run.mjs'), ...process.argv.slice(2)], { cwd: join(root, 'test') });
  process.exit(0);
} catch (error) {
  console.error(`[keyguard chaos] ${error.message.split('\n')[0]}`);
  process.exit(1);
}
