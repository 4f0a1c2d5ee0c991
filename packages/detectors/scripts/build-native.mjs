// Builds the native scanner (native/, `keyguard-scan`) with the manifest just written
// (dist/native/engine.json, embedded at compile time) and copies it to
// dist/native/keyguard-scan, where the `keyguard` launcher (packages/cli/bin/keyguard) finds it.
// Run by `npm run build` after native-manifest.mjs. In dist, turbo caches and restores it with
// the rest of the build (its inputs include native/, see turbo.json).
//
// Without cargo on PATH it says so in one line and removes any older binary: a binary is only
// ever the one built from these rules, and `keyguard` then runs the JavaScript engine. A binary
// that cannot load these rules (a check with no native port) fails the build, naming the rule.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const crate = fileURLToPath(new URL('../native/', import.meta.url));
const out = fileURLToPath(new URL('../dist/native/keyguard-scan', import.meta.url));

rmSync(out, { force: true });
if (spawnSync('cargo', ['--version'], { stdio: 'ignore' }).error) {
  console.log('cargo is not on PATH: the native scanner is not built, `keyguard` runs the JavaScript engine');
} else {
  const started = Date.now();
  // --locked: the dependencies are Cargo.lock's, on every machine
  const build = spawnSync('cargo', ['build', '--release', '--locked', '--quiet'], { cwd: crate, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error(`cargo build --release failed (${build.status ?? build.signal}) in ${crate}`);
    process.exit(1);
  }
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(crate, process.env.CARGO_TARGET_DIR) : path.join(crate, 'target');
  copyFileSync(path.join(target, 'release/keyguard-scan'), out);
  chmodSync(out, 0o755);
  // The engine resolves the manifest's checks when it loads: a rule whose validate, precheck or
  // checksum has no native port would make every `keyguard scan` abort. Say so here, by name.
  const smoke = spawnSync(out, ['--engine-dump', '/dev/null'], { encoding: 'utf8', env: { ...process.env, RUST_BACKTRACE: '0' } });
  if (smoke.status !== 0) {
    rmSync(out, { force: true });
    console.error(`${out} cannot load these rules (port them to native/src/checks.rs):\n${smoke.stderr.trim()}`);
    process.exit(1);
  }
  console.log(`built ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
