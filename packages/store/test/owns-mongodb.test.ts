/**
 * The store owns MongoDB: no other workspace imports the driver or depends on it. Code outside
 * packages/store reaches the database through the repositories (`createKeyRepository(store)`, …).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const storeDir = join(root, 'packages/store/');
const skipped = new Set(['node_modules', 'dist', '.turbo', '.keyguard', '.git']);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(c|m)?(t|j)sx?$/.test(entry.name)) yield path;
  }
}

const importsMongo = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]mongodb(?:\/[^'"]*)?['"]/;

describe('packages/store owns MongoDB', () => {
  it('no file outside packages/store imports the mongodb driver', () => {
    const offenders: string[] = [];
    for (const top of ['packages', 'services', 'test', 'infra']) {
      for (const file of sourceFiles(join(root, top))) {
        if (file.startsWith(storeDir)) continue;
        if (importsMongo.test(readFileSync(file, 'utf8'))) offenders.push(relative(root, file));
      }
    }
    expect(offenders, 'import what you need from @keyguard/store instead').toEqual([]);
  });

  it('no other workspace depends on mongodb', () => {
    const dependents: string[] = [];
    for (const top of ['packages', 'services']) {
      for (const name of readdirSync(join(root, top))) {
        const manifest = JSON.parse(readFileSync(join(root, top, name, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
        const all = { ...manifest['dependencies'], ...manifest['devDependencies'], ...manifest['peerDependencies'] };
        if ('mongodb' in all && name !== 'store') dependents.push(`${top}/${name}`);
      }
    }
    const testManifest = JSON.parse(readFileSync(join(root, 'test/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    if ('mongodb' in { ...testManifest['dependencies'], ...testManifest['devDependencies'] }) dependents.push('test');
    expect(dependents).toEqual([]);
  });
});
