import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crate, expectNativeBuilt, nativeBin, nativeSkipReason } from './native-build.js';

/**
 * The native engine's checks and decoders against the JavaScript engine, beyond the parity
 * vectors: its Rust unit tests (whose expected values native/scripts/unit-vectors.mjs printed
 * from the TypeScript functions: entropy to the bit, placeholders, checksums, every validate,
 * redact, Buffer's base64, the decoders and decodeSpans; and the CLI's argument parsing, paths
 * and number formatting), and a seeded fuzz of secrets under random layers of base64,
 * percent-encoding and JSON escapes (native/scripts/encoding-fuzz.mjs).
 */
const dir = mkdtempSync(path.join(tmpdir(), 'keyguard-native-checks-'));
afterAll(() => {
  // encoding-fuzz.mjs writes its inputs beside the vectors' folder
  for (const d of [dir, `${dir}-inputs`]) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(nativeSkipReason())('the native engine (after npm run build with cargo)', () => {
  // --release reuses the dependencies `npm run build` compiled: a first run compiles only the
  // crate's two test binaries (~25 s on two cores, most of it the release profile's LTO); later
  // runs ~0.3 s. The dev profile would compile every dependency again, which costs more on a
  // fresh clone.
  it('passes its unit tests, whose expected values the TypeScript computed', { timeout: 600_000 }, () => {
    expectNativeBuilt(); // the crate embeds dist/native/engine.json, which the same build writes
    const run = spawnSync('cargo', ['test', '--release', '--locked', '--quiet', '--lib', '--bins'], { cwd: crate, encoding: 'utf8' });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
  });

  it("has the TypeScript's current answers in src/unit_vectors.rs", () => {
    // the Rust tests compare with these answers: stale ones would test against an older engine
    const printed = spawnSync(process.execPath, [path.join(crate, 'scripts/unit-vectors.mjs')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(printed.status, printed.stderr).toBe(0);
    // rustfmt, as the committed file is formatted (it comes with cargo in rustup's default profile)
    const formatted = spawnSync('rustfmt', ['--edition', '2021'], { input: printed.stdout, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(formatted.status, `rustfmt: ${formatted.error ?? formatted.stderr}`).toBe(0);
    const committed = readFileSync(path.join(crate, 'src/unit_vectors.rs'), 'utf8');
    expect(formatted.stdout === committed, 'run: node native/scripts/unit-vectors.mjs | rustfmt --edition 2021 > native/src/unit_vectors.rs').toBe(true);
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
