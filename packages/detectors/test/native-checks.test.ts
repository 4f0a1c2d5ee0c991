import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crate, expectNativeBuilt, nativeBin, nativeSkipReason } from './native-build.js';

/**
 * The native engine's checks and decoders against the JavaScript engine, beyond the parity
 * vectors: its Rust unit tests (whose expected values native/scripts/unit-vectors.mjs printed
 * from the TypeScript functions: entropy to the bit, placeholders, checksums, every validate,
 * redact, Buffer's base64, the decoders and decodeSpans), and a seeded fuzz of secrets under
 * random layers of base64, percent-encoding and JSON escapes (native/scripts/encoding-fuzz.mjs).
 */
const dir = mkdtempSync(path.join(tmpdir(), 'keyguard-native-checks-'));
afterAll(() => {
  // encoding-fuzz.mjs writes its inputs beside the vectors' folder
  for (const d of [dir, `${dir}-inputs`]) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(nativeSkipReason())('the native engine (after npm run build with cargo)', () => {
  // --release reuses the dependencies `npm run build` compiled: a first run compiles only the
  // crate's tests (~25 s on two cores, most of it the release profile's LTO); later runs ~0.3 s.
  // The dev profile would compile every dependency again, which costs more on a fresh clone.
  it('passes its unit tests, whose expected values the TypeScript computed', { timeout: 600_000 }, () => {
    expectNativeBuilt(); // the crate embeds dist/native/engine.json, which the same build writes
    const run = spawnSync('cargo', ['test', '--release', '--locked', '--quiet', '--lib'], { cwd: crate, encoding: 'utf8' });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
  });

  it('decodes what the JavaScript engine decodes in 300 fuzzed files', { timeout: 120_000 }, () => {
    expectNativeBuilt();
    const fuzz = spawnSync(process.execPath, [path.join(crate, 'scripts/encoding-fuzz.mjs'), '--files', '300', '--bin', nativeBin, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    expect(fuzz.stderr).toBe('');
    expect(fuzz.stdout).toMatch(/^0 differences in 0 of \d+ files/m);
  });
});
