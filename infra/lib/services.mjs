import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';

/**
 * Every service under services/ that runs as a process (its package.json names a port). Its
 * `keyguard` block also names its metrics port, the secrets it reads (`secrets`): only
 * those reach it (see `envFor`), and V8 flags its process starts with (`nodeFlags`).
 */
export function discoverServices() {
  const dir = join(root, 'services');
  return readdirSync(dir)
    .map((name) => ({ name, file: join(dir, name, 'package.json') }))
    .filter(({ file }) => existsSync(file))
    .map(({ name, file }) => ({ name, dir: join(dir, name), pkg: JSON.parse(readFileSync(file, 'utf8')) }))
    .filter(({ pkg }) => pkg.keyguard?.port)
    .map(({ name, dir, pkg }) => ({
      name,
      dir,
      port: pkg.keyguard.port,
      // The default of every service (packages/runtime metricsPortFor), set explicitly by npm start.
      metricsPort: pkg.keyguard.metricsPort ?? pkg.keyguard.port + 1100,
      secrets: pkg.keyguard.secrets ?? [],
      // V8 flags its node process starts with (keys-api: a young generation that never shrinks).
      nodeFlags: pkg.keyguard.nodeFlags ?? [],
      main: join(dir, 'dist/main.js'),
      // What npm start runs: main.js and everything it imports in one file (infra/lib/bundle.mjs).
      bundle: join(dir, 'dist/bundle/main.cjs'),
    }))
    .sort((a, b) => a.port - b.port);
}

/**
 * The environment one service is started with: `env` without any secret that is not its own.
 * A secret is a name some service lists in `keyguard.secrets`, or one of `alsoSecret` (e.g.
 * the names npm start generates): a service gets it only when it lists it itself.
 * @param {{ port: number, metricsPort: number, secrets: string[] }} service
 * @param {Record<string, string | undefined>} env
 * @param {{ secrets: string[] }[]} services
 * @param {string[]} [alsoSecret]
 * @returns {Record<string, string | undefined>}
 */
export function envFor(service, env, services, alsoSecret = []) {
  const secrets = new Set([...services.flatMap((s) => s.secrets), ...alsoSecret]);
  const own = new Set(service.secrets);
  const out = Object.fromEntries(Object.entries(env).filter(([name]) => !secrets.has(name) || own.has(name)));
  return { ...out, PORT: String(service.port), METRICS_PORT: String(service.metricsPort) };
}
