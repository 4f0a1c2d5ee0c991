/** Test helpers stay out of production: no `src/` of a package or service imports @keyguard/testkit. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) yield path;
  }
}

it('no production source imports @keyguard/testkit', () => {
  const offenders: string[] = [];
  for (const top of ['packages', 'services']) {
    for (const name of readdirSync(join(root, top))) {
      if (name === 'testkit') continue;
      const src = join(root, top, name, 'src');
      try {
        readdirSync(src);
      } catch {
        continue;
      }
      for (const file of files(src)) if (readFileSync(file, 'utf8').includes('@keyguard/testkit')) offenders.push(relative(root, file));
    }
  }
  expect(offenders).toEqual([]);
});
