import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The native engine's checks and decoders against the JavaScript engine, beyond the parity
 * vectors: its Rust unit tests (whose expected values native/scripts/unit-vectors.mjs printed
 * from the TypeScript functions: entropy to the bit, placeholders, checksums, every validate,
 * redact, Buffer's base64, the decoders and decodeSpans), and a seeded fuzz of secrets under
 * random layers of base64, percent-encoding and JSON escapes (native/scripts/encoding-fuzz.mjs).
 */
const crate = fileURLToPath(new URL('../native/', import.meta.url));
const native = fileURLToPath(new URL('../dist/native/keyguard-scan', import.meta.url));
// the crate embeds the manifest npm run build writes
const buildable =
  existsSync(fileURLToPath(new URL('../dist/native/engine.json', import.meta.url))) && !spawnSync('cargo', ['--version'], { stdio: 'ignore' }).error;
const dir = mkdtempSync(path.join(tmpdir(), 'keyguard-native-checks-'));
afterAll(() => {
  // encoding-fuzz.mjs writes its inputs beside the vectors' folder
  for (const d of [dir, `${dir}-inputs`]) rmSync(d, { recursive: true, force: true });
});

describe('the native engine (after npm run build with cargo)', () => {
  it.skipIf(!buildable)('passes its unit tests, whose expected values the TypeScript computed', { timeout: 600_000 }, () => {
    const run = spawnSync('cargo', ['test', '--release', '--locked', '--quiet', '--lib'], { cwd: crate, encoding: 'utf8' });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
  });

  it.skipIf(!existsSync(native))('decodes what the JavaScript engine decodes in 300 fuzzed files', { timeout: 120_000 }, () => {
    const fuzz = spawnSync(process.execPath, [path.join(crate, 'scripts/encoding-fuzz.mjs'), '--files', '300', '--bin', native, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(fuzz.stderr).toBe('');
    expect(fuzz.stdout).toMatch(/^0 differences in 0 of \d+ files/m);
  });
});
