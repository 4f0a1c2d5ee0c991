#!/usr/bin/env node
/**
 * `npm run engines`: start only the local engines (dev ports, data kept in .keyguard/dev),
 * print the variables to export, and keep them running until Ctrl-C. Useful to run one
 * service or one test file by hand. `--test-ports`: the test profile's ports (and fresh data);
 * `--multi-writer`: also FerretDB on PostgreSQL (MONGODB_PG_URI), as `npm test` starts it.
 */
import { startEngines } from '../lib/engines.mjs';
import { ensureNodeModules } from '../lib/deps.mjs';
import { stopAll } from '../lib/process.mjs';

try {
  await ensureNodeModules();
  const args = process.argv.slice(2);
  const { env } = await startEngines(args.includes('--test-ports') ? 'test' : 'dev', { multiWriter: args.includes('--multi-writer') });
  console.log('\nEngines are up. Export these to run services or integration tests by hand:\n');
  for (const [k, v] of Object.entries(env)) console.log(`export ${k}=${v}`);
  console.log('\nCtrl-C stops them.');
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await stopAll();
}
