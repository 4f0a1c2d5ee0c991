#!/usr/bin/env node
/**
 * `npm test`: install what is missing, start the real engines (Kafka, FerretDB, SMTP sink)
 * on test ports unless KAFKA_BROKERS / MONGODB_URI / SMTP_URL are set, build, typecheck and
 * lint every workspace, run every unit and integration test once, stop the engines.
 * Extra arguments go to vitest, e.g. `npm test -- packages/bus`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from '../lib/deps.mjs';
import { startEngines } from '../lib/engines.mjs';
import { ensureBrowser } from '../lib/browser.mjs';
import { root, stateDir } from '../lib/paths.mjs';
import { run, stopAll, stopAllOnSignals } from '../lib/process.mjs';

stopAllOnSignals();

const log = (message) => console.log(`[keyguard test] ${message}`);
const args = process.argv.slice(2);
const results = join(stateDir, 'test-results.json');

async function main() {
  const t0 = Date.now();
  await ensureNodeModules(log);
  await ensureBrowser(log);
  log('starting engines…');
  // The multi-writer profile (FerretDB on Debian's PostgreSQL) is opt-in: nothing in this
  // repository installs PostgreSQL, and CI's two cores need not run a second database.
  const multiWriter = process.env.KEYGUARD_TEST_MULTI_WRITER === 'true';
  const engines = await startEngines('test', { log, multiWriter, requireMultiWriter: multiWriter });
  log(`engines ready in ${((Date.now() - t0) / 1000).toFixed(1)}s: ${JSON.stringify(engines.env)}`);
  const env = { ...engines.env, TURBO_TELEMETRY_DISABLED: '1', NODE_OPTIONS: '--enable-source-maps' };

  log('build, typecheck, lint…');
  await run('npx', ['turbo', 'run', 'build', 'typecheck', 'lint', 'lint:infra', '--output-logs=errors-only'], { cwd: root, env });

  log('tests…');
  rmSync(results, { force: true }); // a crashed run must not report the last run's counts
  let failed = false;
  try {
    await run('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...args], {
      cwd: root,
      env,
    });
  } catch {
    failed = true;
  }
  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`\nkeyguard: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
    if (r.numTotalTests === 0) failed = true;
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[keyguard test] ${error.message}`);
} finally {
  await stopAll();
}
process.exit(code);
