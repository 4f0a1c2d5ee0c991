#!/usr/bin/env node
/**
 * `npm run bench -- <name>` (scanner, git, ingest, policy, verify, alerts): builds, starts the engines on the test
 * ports unless KAFKA_BROKERS / MONGODB_URI are set (the scanner needs none), runs
 * test/bench/<name>.mjs, and stops what it started. Benchmarks print numbers; they assert nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from '../lib/deps.mjs';
import { startEngines } from '../lib/engines.mjs';
import { root } from '../lib/paths.mjs';
import { run, stopAll } from '../lib/process.mjs';

const log = (message) => console.log(`[keyguard bench] ${message}`);
const [name, ...args] = process.argv.slice(2);
const script = join(root, 'test/bench', `${name}.mjs`);
const needsEngines = { ingest: true, policy: true, scanner: false, git: false, verify: true, alerts: true };

let code = 1;
try {
  if (!name || !existsSync(script)) throw new Error(`usage: npm run bench -- <${Object.keys(needsEngines).join('|')}>`);
  await ensureNodeModules(log);
  log('building…');
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, env: { TURBO_TELEMETRY_DISABLED: '1' } });
  const env = needsEngines[name] === false ? {} : (await startEngines('test', { log })).env;
  await run(process.execPath, ['--enable-experimental-regexp-engine-on-excessive-backtracks', script, ...args], { cwd: root, env });
  code = 0;
} catch (error) {
  console.error(`[keyguard bench] ${error.message}`);
} finally {
  await stopAll();
}
process.exit(code);
