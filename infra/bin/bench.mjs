#!/usr/bin/env node
/**
 * `npm run bench -- <name>` (scanner, git, ingest, policy, verify, insights, alerts, rejoin, scale, store, start): builds, starts the engines on the test
 * ports unless KAFKA_BROKERS / MONGODB_URI are set (the scanner needs none), runs
 * test/bench/<name>.mjs, and stops what it started. store and verify also get FerretDB on PostgreSQL
 * (MONGODB_PG_URI) when PostgreSQL is installed. Benchmarks print numbers; they assert nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from '../lib/build-state.mjs';
import { ensureNodeModules } from '../lib/deps.mjs';
import { startEngines } from '../lib/engines.mjs';
import { root } from '../lib/paths.mjs';
import { run, stopAll, stopAllOnSignals } from '../lib/process.mjs';

stopAllOnSignals();

const log = (message) => console.log(`[keyguard bench] ${message}`);
const [name, ...args] = process.argv.slice(2);
const script = join(root, 'test/bench', `${name}.mjs`);
// `start` runs `npm start` itself; `scale` starts the chaos suite's own stack.
const needsEngines = {
  ingest: true,
  insights: true,
  alerts: true,
  policy: true,
  rejoin: true,
  store: true,
  verify: true,
  scanner: false,
  git: false,
  start: false,
  scale: false,
};

let code = 1;
try {
  if (!name || !existsSync(script)) throw new Error(`usage: npm run bench -- <${Object.keys(needsEngines).join('|')}>`);
  await ensureNodeModules(log);
  log(await ensureBuilt());
  // FerretDB on PostgreSQL (when installed) for the benchmarks that print a row per engine
  const multiWriter = ['store', 'alerts', 'verify'].includes(name);
  const env = needsEngines[name] === false ? {} : (await startEngines('test', { log, multiWriter })).env;
  await run(process.execPath, ['--enable-experimental-regexp-engine-on-excessive-backtracks', script, ...args], { cwd: root, env });
  code = 0;
} catch (error) {
  console.error(`[keyguard bench] ${error.message}`);
} finally {
  await stopAll();
}
process.exit(code);
