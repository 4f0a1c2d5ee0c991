#!/usr/bin/env node
// Committed entry point so npm links `keyguard` on the first install, before dist/ exists;
// the CLI itself is dist/main.js (built by `npm run build -w @keyguard/cli`).
try {
  await import('../dist/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/main.js')) throw error;
  process.stderr.write('keyguard: the CLI is not built yet; run `npm run build -w @keyguard/detectors -w @keyguard/cli`\n');
  process.exitCode = 2;
}
