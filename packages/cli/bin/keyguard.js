#!/usr/bin/env node
// Committed entry point so npm links `keyguard` on the first install, before dist/ exists.
// `npm run build -w @keyguard/cli` emits dist/main.js (tsc) and dist/bundle/main.js (the same
// code and its dependencies in a few files, which starts ~40 ms of CPU faster); the bundle is
// preferred when present.
const missing = (error, file) => error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(file);
try {
  await import('../dist/bundle/main.js');
} catch (error) {
  if (!missing(error, 'dist/bundle/main.js')) throw error;
  try {
    await import('../dist/main.js');
  } catch (inner) {
    if (!missing(inner, 'dist/main.js')) throw inner;
    process.stderr.write('keyguard: the CLI is not built yet; run `npm run build -w @keyguard/detectors -w @keyguard/cli`\n');
    process.exitCode = 2;
  }
}
