import { describe, expect, it } from 'vitest';
import { blobPermalink, decidePush, deliveryIdOf, PushHook } from '../src/domain/push.js';
import { decideProjectVisibility, ProjectHook, visibilityOf } from '../src/domain/project-visibility.js';

const hook = (over: Record<string, unknown> = {}) =>
  PushHook.parse({
    before: 'a'.repeat(40),
    after: 'b'.repeat(40),
    ref: 'refs/heads/main',
    project: { id: 7, path_with_namespace: 'g/p', web_url: 'https://gitlab.com/g/p', visibility_level: 20 },
    commits: [{ id: 'c1' }],
    total_commits_count: 25,
    ...over,
  });

describe('decidePush', () => {
  it('scans public projects (visibility_level 20) and keeps the real commit count', () => {
    const decision = decidePush(hook(), false);
    expect(decision.scan && decision.data).toMatchObject({ projectId: 7, project: 'g/p', totalCommits: 25, commits: ['c1'] });
  });

  it('ignores internal and private projects unless SCAN_PRIVATE, and deleted refs', () => {
    const internal = hook({ project: { id: 7, path_with_namespace: 'g/p', web_url: 'u', visibility_level: 10 } });
    expect(decidePush(internal, false)).toEqual({ scan: false, reason: 'not_public' });
    expect(decidePush(internal, true).scan).toBe(true);
    expect(decidePush(hook({ after: '0'.repeat(40) }), true)).toEqual({ scan: false, reason: 'ref_deleted' });
  });
});

describe('deliveryIdOf', () => {
  it('prefers Idempotency-Key, then X-Gitlab-Event-UUID, then the push itself', () => {
    expect(deliveryIdOf({ idempotencyKey: 'k', eventUuid: 'u' }, hook())).toBe('k');
    expect(deliveryIdOf({ eventUuid: 'u' }, hook())).toBe('u');
    expect(deliveryIdOf({}, hook())).toBe(`push:7:refs/heads/main:${'b'.repeat(40)}`);
  });
});

it('links GitLab blobs with /-/blob/', () => {
  expect(blobPermalink('https://gitlab.com/g/p', 'abc', 'a/b.rb', 3)).toBe('https://gitlab.com/g/p/-/blob/abc/a/b.rb#L3');
});

describe('project visibility (system hooks)', () => {
  const project = (visibility: string) =>
    ProjectHook.parse({ event_name: 'project_update', project_id: 9, path_with_namespace: 'g/p', project_visibility: visibility, name: 'p' });

  it('reads both spellings GitLab has sent', () => {
    expect(visibilityOf(project('public'))).toBe('public');
    expect(visibilityOf(project('visibilitylevel|public'))).toBe('public');
  });

  it('scans only on a change to public', () => {
    expect(decideProjectVisibility('public', 'private')).toEqual({ scan: true });
    expect(decideProjectVisibility('public', undefined)).toEqual({ scan: true });
    expect(decideProjectVisibility('public', 'public')).toEqual({ scan: false, reason: 'already_public' });
    expect(decideProjectVisibility('internal', 'public')).toEqual({ scan: false, reason: 'not_public' });
  });
});
