/**
 * npm start runs each service as one bundle through run-bundle.cjs (issue 11: warm start
 * < 10 s): the bundle behaves as `node main.js` would, its V8 code cache is written once and
 * used after, and stack traces still name the TypeScript sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleServices } from '../../infra/lib/bundle.mjs';

const runBundle = fileURLToPath(new URL('../../infra/lib/run-bundle.cjs', import.meta.url));

describe('a service bundle run through run-bundle.cjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-bundle-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'src/fail.ts'), 'export function fail(): never {\n  throw new Error("boom");\n}\n');
  // The compiled "service" (what tsc writes into dist/), importing a module of its own.
  writeFileSync(
    join(dir, 'dist/main.js'),
    [
      "import { fail } from '../src/fail.ts';",
      'console.log(JSON.stringify({ argv1: process.argv[1], main: require.main === module, url: import.meta.url }));',
      'try { fail(); } catch (error) { console.log(error.stack.split("\\n")[1].trim()); }',
      // An optional package loaded by name, as the mongodb driver does: it needs the vm loader option.
      "const optional = 'node:os';",
      'import(optional).then((os) => console.log(typeof os.cpus));',
    ].join('\n'),
  );
  const service = { name: 'fixture', main: join(dir, 'dist/main.js'), bundle: join(dir, 'dist/bundle/main.cjs') };
  let stderr = '';
  const run = () => {
    const result = spawnSync(process.execPath, [runBundle, service.bundle], { encoding: 'utf8', env: { ...process.env, KEYGUARD_CODE_CACHE_AFTER_MS: '0' } });
    stderr = result.stderr;
    return result.stdout.split('\n');
  };

  it('runs as the main script, writes its code cache once, and maps stack traces to the sources', async () => {
    await bundleServices([service]);
    const [first, stack, imported] = run();
    const seen = JSON.parse(first ?? '{}');
    expect(seen.argv1).toBe(service.bundle);
    expect(seen.main).toBe(true);
    expect(seen.url).toBe(`file://${service.bundle}`);
    expect(stack).toBe(`at fail (${join(dir, 'src/fail.ts')}:2:9)`);
    // A dynamic import() works, and npm start's output gets no ExperimentalWarning for it.
    expect(imported).toBe('function');
    expect(stderr).toBe('');
    const caches = () => readdirSync(join(dir, 'dist/bundle')).filter((f) => f.endsWith('.v8cache'));
    expect(caches()).toHaveLength(1);
    // From the cache: the same answers, and no second cache.
    expect(run()[1]).toBe(stack);
    expect(caches()).toHaveLength(1);
  }, 60_000);
});
