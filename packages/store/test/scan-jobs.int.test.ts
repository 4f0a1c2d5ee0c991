import { createLogger } from '@keyguard/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStore, createCursorRepository, createScanJobRepository, createVisibilityRepository, type Store } from '../src/index.js';
import { uniqueDbName } from '@keyguard/testkit/store';

let store: Store;
beforeAll(async () => {
  store = await connectStore({ uri: process.env.MONGODB_URI!, dbName: uniqueDbName('scans'), logger: createLogger({ name: 'test', level: 'silent' }) });
});
afterAll(async () => {
  await store.db.dropDatabase();
  await store.close();
});

describe('scan jobs', () => {
  it('records a job once, however often its request is redelivered', async () => {
    const jobs = createScanJobRepository(store);
    const first = await jobs.create({ id: 'job-a', provider: 'github', kind: 'history', target: 'octo/a', reason: 'publicized' });
    const again = await jobs.create({ id: 'job-a', provider: 'github', kind: 'history', target: 'octo/a', reason: 'on_demand' });
    expect(again).toEqual(first);
    await jobs.start('job-a');
    await jobs.checkpoint('job-a', { progress: { commits: 10, bytes: 2048 }, counts: { exposures: 3, secrets: 2 }, cursor: { tips: ['abc'], commits: 10 } });
    await jobs.finish('job-a', 'done');
    expect(await jobs.get('job-a')).toMatchObject({ status: 'done', progress: { commits: 10 }, counts: { exposures: 3, secrets: 2 }, cursor: { commits: 10 } });
  });

  it('lets one attempt hold a repository at a time; an expired lease is taken over', async () => {
    const jobs = createScanJobRepository(store);
    expect(await jobs.lock('github:octo/b', 'job-1', 'attempt-1', 60_000)).toEqual({ acquired: true });
    expect(await jobs.lock('github:octo/b', 'job-2', 'attempt-2', 60_000)).toEqual({ acquired: false, heldBy: 'job-1' });
    expect(await jobs.lock('github:octo/b', 'job-1', 'attempt-3', 60_000)).toEqual({ acquired: false, heldBy: 'job-1' });
    expect(await jobs.renew('github:octo/b', 'attempt-1', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(await jobs.lock('github:octo/b', 'job-1', 'attempt-3', 60_000)).toEqual({ acquired: true });
    expect(await jobs.renew('github:octo/b', 'attempt-1', 60_000)).toBe(false);
    await jobs.unlock('github:octo/b', 'attempt-1');
    expect(await jobs.lock('github:octo/b', 'job-2', 'attempt-4', 60_000)).toEqual({ acquired: false, heldBy: 'job-1' });
    await jobs.unlock('github:octo/b', 'attempt-3');
    expect(await jobs.lock('github:octo/b', 'job-2', 'attempt-4', 60_000)).toEqual({ acquired: true });
  });
});

describe('visibility and cursors', () => {
  it('returns the previous visibility, so only a change is acted on', async () => {
    const visibility = createVisibilityRepository(store);
    expect(await visibility.record('gitlab:42', 'private')).toBeUndefined();
    expect(await visibility.record('gitlab:42', 'public')).toBe('private');
    expect(await visibility.record('gitlab:42', 'public')).toBe('public');
  });

  it('leases a cursor to one holder and keeps its value between runs', async () => {
    const cursors = createCursorRepository(store);
    expect(await cursors.acquire('reconciler', 'p1', 60_000)).toEqual({});
    expect(await cursors.acquire('reconciler', 'p2', 60_000)).toBeUndefined();
    await cursors.release('reconciler', 'p1', { app: 12 });
    expect(await cursors.acquire('reconciler', 'p2', 60_000)).toEqual({ app: 12 });
  });
});
