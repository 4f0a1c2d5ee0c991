import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crate, expectNativeBuilt, nativeBin, nativeSkipReason } from './native-build.js';

/**
 * The native engine (native/, built into dist by `npm run build` when cargo is on PATH) finds
 * byte for byte what the JavaScript engine finds, with the same stats, on the parity vectors:
 * every rule's samples in every assignment context, its adversarial input, the bench's planted
 * and encoded samples and decoys, and the edge cases (native/parity/vectors.mjs). On failure,
 * check.mjs's report names the first differences per rule.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'keyguard-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(nativeSkipReason())('the native engine (after npm run build with cargo)', () => {
  it('finds what the JavaScript engine finds in every parity vector', { timeout: 120_000 }, () => {
    expectNativeBuilt();
    const vectors = spawnSync(process.execPath, [path.join(crate, 'parity/vectors.mjs'), dir], { encoding: 'utf8' });
    expect(vectors.status, vectors.stderr).toBe(0);
    const check = spawnSync(process.execPath, [path.join(crate, 'parity/check.mjs'), dir, '--bin', nativeBin], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^0 differences in 0 of \d+ files/m);
  });
});
