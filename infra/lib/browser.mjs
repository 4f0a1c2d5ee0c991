import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';
import { run } from './process.mjs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The dashboard's browser tests drive Debian's chromium with playwright-core. Install it with
 * apt-get when it is missing (CI machines start without it). Skipped while no browser test exists.
 */
export async function ensureBrowser(log = console.log) {
  const e2eDir = join(root, 'test/e2e');
  const needed = existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.e2e.test.ts'));
  if (!needed || existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`browser tests need ${chromiumPath}: install Debian's chromium package (sudo apt-get install chromium)`);
  }
  log('installing chromium with apt-get (once)…');
  await run('apt-get', ['update', '-q'], { quiet: true });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], {
    quiet: true,
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
}
