import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';
import { run } from './process.mjs';

/** Runs `npm ci` when node_modules is missing or older than the lock file. */
export async function ensureNodeModules(log = console.log) {
  const installed = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('npm: installing dependencies (npm ci)…');
  // --loglevel=error: a few transitive packages declare `node >= 22` and run on 20 (the tests
  // prove it); npm's EBADENGINE warning block for each made the first start unreadable
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root });
}
