import { describe, expect, it } from 'vitest';
import { blobPermalink, decidePush, decideVisibility, PushPayload } from '../src/domain/push.js';

const repository = { full_name: 'octo/hello', html_url: 'https://github.com/octo/hello', private: false, default_branch: 'main' };
const push = (over: Record<string, unknown> = {}) =>
  PushPayload.parse({
    ref: 'refs/heads/main',
    before: 'a'.repeat(40),
    after: 'b'.repeat(40),
    commits: [
      { id: 'c1', distinct: true },
      { id: 'c2', distinct: false },
    ],
    repository,
    ...over,
  });

describe('decidePush', () => {
  it('keeps routing facts and only the commits new to the repository', () => {
    const decision = decidePush(push(), false);
    expect(decision).toEqual({
      scan: true,
      data: {
        repository: 'octo/hello',
        repositoryUrl: 'https://github.com/octo/hello',
        private: false,
        defaultBranch: 'main',
        ref: 'refs/heads/main',
        before: 'a'.repeat(40),
        after: 'b'.repeat(40),
        forced: false,
        commits: ['c1'],
      },
    });
  });

  it('skips private repositories unless SCAN_PRIVATE, and deleted branches', () => {
    expect(decidePush(push({ repository: { ...repository, private: true } }), false)).toEqual({ scan: false, reason: 'private_repository' });
    expect(decidePush(push({ repository: { ...repository, private: true } }), true).scan).toBe(true);
    expect(decidePush(push({ deleted: true, after: '0'.repeat(40) }), true)).toEqual({ scan: false, reason: 'branch_deleted' });
  });
});

describe('decideVisibility', () => {
  it('scans on public and repository.publicized only', () => {
    expect(decideVisibility('public', { repository }).scan).toBe(true);
    expect(decideVisibility('repository', { action: 'publicized', repository }).scan).toBe(true);
    expect(decideVisibility('repository', { action: 'renamed', repository })).toEqual({ scan: false, reason: 'repository_renamed' });
  });
});

describe('blobPermalink', () => {
  it('links one line at one commit, path segments encoded', () => {
    expect(blobPermalink('https://github.com/o/r', 'abc', 'dir/my file#1.txt', 7)).toBe('https://github.com/o/r/blob/abc/dir/my%20file%231.txt#L7');
  });
});
