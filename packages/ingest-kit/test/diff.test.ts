import { describe, expect, it } from 'vitest';
import { addedLines } from '../src/diff.js';
import { isBinaryPath, isVendoredPath, looksBinary } from '../src/paths.js';

describe('addedLines', () => {
  it('returns added lines with their line numbers in the new file, across hunks', () => {
    const patch = ['@@ -1,3 +1,4 @@', ' a', '-b', '+B', '+C', ' d', '@@ -20,2 +21,3 @@', ' x', '+y', '\\ No newline at end of file', ' z'].join('\n');
    expect(addedLines(patch)).toEqual([
      { line: 2, text: 'B' },
      { line: 3, text: 'C' },
      { line: 22, text: 'y' },
    ]);
  });

  it('handles a new file, CRLF lines and a hunk header with a section name', () => {
    expect(addedLines('@@ -0,0 +1,2 @@ function f() {\r\n+one\r\n+two')).toEqual([
      { line: 1, text: 'one' },
      { line: 2, text: 'two' },
    ]);
  });

  it('ignores text before the first hunk and removed lines', () => {
    expect(addedLines('diff --git a/x b/x\n+++ b/x\n@@ -5 +5 @@\n-old\n+new')).toEqual([{ line: 5, text: 'new' }]);
  });
});

describe('paths', () => {
  it('skips vendored and binary files', () => {
    expect(isVendoredPath('node_modules/x/index.js')).toBe(true);
    expect(isVendoredPath('web/vendor/lib.php')).toBe(true);
    expect(isVendoredPath('package-lock.json')).toBe(true);
    expect(isVendoredPath('src/vendors.ts')).toBe(false);
    expect(isBinaryPath('assets/logo.PNG')).toBe(true);
    expect(isBinaryPath('src/app.ts')).toBe(false);
    expect(looksBinary(Buffer.from([0x50, 0x00, 0x01]))).toBe(true);
    expect(looksBinary('plain text')).toBe(false);
  });
});
