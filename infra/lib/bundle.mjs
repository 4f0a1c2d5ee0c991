import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildState } from './build-state.mjs';
import { stateDir } from './paths.mjs';

/**
 * Optional dependencies the libraries load only when configured (MongoDB's compression,
 * Kerberos, client-side encryption, AWS/GCP auth, SOCKS; pino's pretty printer at a
 * terminal), each inside a try or behind a setting: left out of the bundle, resolved from
 * node_modules at run time if ever installed. Any other import that does not resolve fails
 * the bundle rather than the service at run time.
 */
const optional = [
  'kerberos',
  '@mongodb-js/zstd',
  'snappy',
  'socks',
  'aws4',
  'gcp-metadata',
  'mongodb-client-encryption',
  '@aws-sdk/credential-providers',
  'pino-pretty',
];

/** Our own compiled files keep their tsc source maps: the bundle's map then points at the TypeScript. */
const ownSourceMaps = {
  name: 'keyguard-source-maps',
  load(id) {
    if (id.includes('/node_modules/') || !id.endsWith('.js') || !existsSync(`${id}.map`)) return null;
    return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') };
  },
};

/**
 * Bundles each service's compiled `dist/main.js` with everything it imports into one
 * CommonJS file, `dist/bundle/main.cjs` (+ source map), which `npm start` runs through
 * `run-bundle.cjs` (a V8 code cache). A service otherwise loads ~1,200 files; on Node 20 (no
 * module compile cache) resolving, reading, wrapping and linking them, and reading each one's
 * source map for --enable-source-maps, was about half of its start-up CPU; compiling the
 * code was most of the rest (profile in the README, "Start-up"). CommonJS because a V8 code
 * cache can be given to vm.Script, not (on Node 20) to an ES module. Same code; stack traces
 * show the TypeScript positions.
 *
 * The bundle sits two levels under the service, as dist/<dir>/*.js does, so a path a module
 * makes from import.meta.url (keys-api's dashboard directory) resolves the same.
 *
 * rolldown (Vite's bundler, already installed with it): native and prebuilt, about 1 CPU-s a
 * service on one thread. Its default thread pools spun on a busy 2-core machine (3.6 CPU-s of
 * system time for one service), so it runs on one thread, one service after another.
 * @param {{ name: string, main: string, bundle: string }[]} services
 */
export async function bundleServices(services) {
  // Read when rolldown's thread pools start, i.e. at its first build.
  process.env.RAYON_NUM_THREADS ??= '1';
  process.env.TOKIO_WORKER_THREADS ??= '1';
  const { rolldown } = await import('rolldown');
  for (const service of services) {
    const unresolved = [];
    const bundle = await rolldown({
      input: service.main,
      platform: 'node',
      plugins: [ownSourceMaps],
      external: (id) => optional.some((name) => id === name || id.startsWith(`${name}/`)),
      onLog: (level, log, handle) => {
        if (log.code === 'UNRESOLVED_IMPORT') unresolved.push(log.message);
        else if (level === 'warn' && !['EVAL', 'CIRCULAR_DEPENDENCY', 'PLUGIN_TIMINGS'].includes(log.code)) handle(level, log);
      },
    });
    try {
      if (unresolved.length > 0) throw new Error(`${service.name}: cannot bundle, imports that do not resolve:\n${unresolved.join('\n')}`);
      // Positions only (run-bundle.cjs maps stack traces): without the sources' text the map parses in a third of the time.
      await bundle.write({ file: service.bundle, format: 'cjs', sourcemap: true, sourcemapExcludeSources: true });
      // Code caches of the previous bundle (run-bundle.cjs names them after the bundle's size and time).
      const dir = dirname(service.bundle);
      for (const f of readdirSync(dir)) if (f.startsWith(basename(service.bundle)) && f.endsWith('.v8cache')) rmSync(join(dir, f), { force: true });
    } finally {
      await bundle.close();
    }
  }
}

/**
 * Bundles the services unless the bundles are from exactly the sources of the last bundling
 * (the fingerprint `ensureBuilt` uses). Call after `ensureBuilt`. Resolves with what it did.
 * @param {{ name: string, main: string, bundle: string }[]} services
 */
export async function ensureBundled(services) {
  const t0 = Date.now();
  const state = buildState(
    join(stateDir, 'bundle.stamp'),
    services.map((s) => s.bundle),
  );
  if (state.upToDate && services.every((s) => existsSync(`${s.bundle}.map`))) return 'bundles up to date';
  await bundleServices(services);
  state.record();
  return `bundled in ${((Date.now() - t0) / 1000).toFixed(1)}s`;
}
