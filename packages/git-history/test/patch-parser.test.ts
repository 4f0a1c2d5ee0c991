import { describe, expect, it } from 'vitest';
import { createPatchParser, type FilePatch, unquoteCPath } from '../src/index.js';

const header = (sha: string, author = 'Ada', email = 'ada@example.com', date = '2024-01-02T03:04:05+00:00') =>
  `\x1e${sha}\x1f${author}\x1f${email}\x1f${date}\n`;
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** A `git log -p -U0` stream exercising what the parser must get right. */
const LOG = [
  header(A, 'Zoë', 'zoe@example.com'),
  '\n',
  'diff --git a/src/app.ts b/src/app.ts\n',
  'index 1111111..2222222 100644\n',
  '--- a/src/app.ts\n',
  '+++ b/src/app.ts\n',
  '@@ -3,0 +4,2 @@ function f() {\n',
  '+const one = 1;\n',
  '++ starts with plus\n',
  '@@ -10 +12 @@\n',
  '-old\n',
  '+diff --git looks like a header\n',
  '\\ No newline at end of file\n',
  'diff --git a/img.png b/img.png\n',
  'new file mode 100644\n',
  'index 0000000..3333333\n',
  'Binary files /dev/null and b/img.png differ\n',
  'diff --git a/sp ace.txt b/sp ace.txt\n',
  'new file mode 100644\n',
  '--- /dev/null\n',
  '+++ b/sp ace.txt\t\n',
  '@@ -0,0 +1 @@\n',
  '+x\n',
  'diff --git "a/t\\tab.txt" "b/t\\tab.txt"\n',
  '--- /dev/null\n',
  '+++ "b/t\\tab\\303\\251.txt"\n',
  '@@ -0,0 +1,2 @@\n',
  '+first\r\n',
  '+\n',
  header(B),
  '\n',
  'diff --git a/gone.txt b/gone.txt\n',
  'deleted file mode 100644\n',
  '--- a/gone.txt\n',
  '+++ /dev/null\n',
  '@@ -1 +0,0 @@\n',
  '-bye\n',
  'diff --git a/s.txt b/moved.txt\n',
  'similarity index 100%\n',
  'rename from s.txt\n',
  'rename to moved.txt\n',
].join('');

function parse(chunks: Buffer[], maxFileBytes?: number) {
  const commits: string[] = [];
  const files: Array<{ sha: string; path: string; text: string; lines: number[] }> = [];
  const skipped: string[] = [];
  const parser = createPatchParser(
    {
      commit: (c) => commits.push(`${c.sha.slice(0, 1)} ${c.author} <${c.email}> ${c.date}`),
      file: (f: FilePatch) => files.push({ sha: f.commit.sha.slice(0, 1), path: f.path, text: f.added.toString('utf8'), lines: [...f.lines] }),
      skipped: (r) => skipped.push(r),
    },
    { maxFileBytes },
  );
  for (const c of chunks) parser.push(c);
  parser.end();
  return { commits, files, skipped };
}

const EXPECTED = {
  commits: ['a Zoë <zoe@example.com> 2024-01-02T03:04:05+00:00', 'b Ada <ada@example.com> 2024-01-02T03:04:05+00:00'],
  files: [
    { sha: 'a', path: 'src/app.ts', text: 'const one = 1;\n+ starts with plus\ndiff --git looks like a header\n', lines: [4, 5, 12] },
    { sha: 'a', path: 'sp ace.txt', text: 'x\n', lines: [1] },
    { sha: 'a', path: 't\tabé.txt', text: 'first\r\n\n', lines: [1, 2] },
  ],
  skipped: ['binary'],
};

describe('createPatchParser', () => {
  it('reads commits, paths, added lines and their new line numbers', () => {
    expect(parse([Buffer.from(LOG)])).toEqual(EXPECTED);
  });

  it('gives the same answer however the stream is cut into chunks', () => {
    const bytes = Buffer.from(LOG);
    for (const size of [1, 2, 3, 7, 16, 61]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(parse(chunks)).toEqual(EXPECTED);
    }
  });

  it('skips a file change whose added text is over the limit', () => {
    const big = `${header(A)}\ndiff --git a/big b/big\n--- /dev/null\n+++ b/big\n@@ -0,0 +1,3 @@\n+${'x'.repeat(40)}\n+${'y'.repeat(40)}\n+z\ndiff --git a/ok b/ok\n--- /dev/null\n+++ b/ok\n@@ -0,0 +1 @@\n+fine\n`;
    const { files, skipped } = parse([Buffer.from(big)], 64);
    expect(files.map((f) => f.path)).toEqual(['ok']);
    expect(skipped).toEqual(['too_large']);
  });
});

describe('unquoteCPath', () => {
  it('decodes the escapes git writes', () => {
    expect(unquoteCPath(Buffer.from('"a\\\\b\\"c\\td\\n\\303\\251"'))).toBe('a\\b"c\td\né');
  });
});
