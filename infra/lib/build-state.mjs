import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, stateDir } from './paths.mjs';
import { run } from './process.mjs';
import { discoverServices } from './services.mjs';

// `target`: cargo's output for the native scanner (packages/detectors/native), thousands of
// files that change with every cargo build, which would make every start rebuild
const skipped = new Set(['node_modules', 'dist', 'target', '.turbo', 'coverage', 'screenshots', '.cache', '.keyguard']);

/**
 * A fingerprint of every file a build reads (packages/, services/, the root manifests): their
 * count, total size and newest modification time. A few milliseconds on a warm checkout,
 * where `turbo run build` costs a second or more of CPU just to find everything cached.
 */
export function sourceFingerprint() {
  let files = 0;
  let bytes = 0;
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skipped.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const st = statSync(path);
        files += 1;
        bytes += st.size;
        newest = Math.max(newest, st.mtimeMs);
      }
    }
  };
  for (const top of ['packages', 'services']) walk(join(root, top));
  for (const file of ['package.json', 'package-lock.json', 'turbo.json', 'tsconfig.base.json']) {
    const st = statSync(join(root, file));
    bytes += st.size;
    newest = Math.max(newest, st.mtimeMs);
  }
  return `${files}:${bytes}:${Math.round(newest)}`;
}

/**
 * Whether the last build recorded in `stampFile` saw exactly these sources and every
 * service's output still exists; `record` writes the stamp after a successful build.
 */
export function buildState(stampFile, outputs) {
  const fingerprint = sourceFingerprint();
  const stamped = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  return {
    upToDate: stamped === fingerprint && outputs.every((f) => existsSync(f)),
    record: () => {
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(stampFile, fingerprint);
    },
  };
}

/**
 * Builds every workspace with turbo unless the sources are exactly those of the last build
 * this checkout made (and every service's dist/main.js exists). Resolves with what it did.
 */
export async function ensureBuilt({ quiet = true } = {}) {
  const t0 = Date.now();
  const mains = discoverServices().map((s) => s.main);
  const state = buildState(join(stateDir, 'build.stamp'), mains);
  const seconds = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  if (state.upToDate) return `build up to date (checked in ${seconds()})`;
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, env: { TURBO_TELEMETRY_DISABLED: '1' }, quiet });
  state.record();
  return `built in ${seconds()}`;
}
