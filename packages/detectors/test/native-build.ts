import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The crate (native/) and the binary `npm run build` copies into dist when cargo is on PATH. */
export const crate = fileURLToPath(new URL('../native/', import.meta.url));
export const nativeBin = fileURLToPath(new URL('../dist/native/keyguard-scan', import.meta.url));

/**
 * Why the native engine's tests cannot run here (printed: a skip is never silent), or
 * undefined. Only a machine without cargo skips them (its build makes no native engine and
 * `keyguard` runs the JavaScript one); CI has cargo, so there they always run.
 */
export function nativeSkipReason(): string | undefined {
  if (!spawnSync('cargo', ['--version'], { stdio: 'ignore' }).error) return undefined;
  const reason = 'cargo is not on PATH, so npm run build built no native engine';
  console.warn(`native engine tests skipped: ${reason}`);
  return reason;
}

/**
 * Fails (rather than skips) when cargo is here but the binary is not: a build that dropped it
 * must not pass as a machine without cargo.
 */
export function expectNativeBuilt(file = nativeBin): void {
  expect(existsSync(file), `${file} is missing: run npm run build -w @keyguard/detectors`).toBe(true);
}
