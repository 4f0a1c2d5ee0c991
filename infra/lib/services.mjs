import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';

/** Every service under services/ that runs as a process (its package.json names a port). */
export function discoverServices() {
  const dir = join(root, 'services');
  return readdirSync(dir)
    .map((name) => ({ name, file: join(dir, name, 'package.json') }))
    .filter(({ file }) => existsSync(file))
    .map(({ name, file }) => ({ name, dir: join(dir, name), pkg: JSON.parse(readFileSync(file, 'utf8')) }))
    .filter(({ pkg }) => pkg.keyguard?.port)
    .map(({ name, dir, pkg }) => ({ name, dir, port: pkg.keyguard.port, main: join(dir, 'dist/main.js') }))
    .sort((a, b) => a.port - b.port);
}
