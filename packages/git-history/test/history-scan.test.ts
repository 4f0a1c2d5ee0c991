import { createScanner, createSampleGenerator, hashToken } from '@keyguard/detectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, type GitFinding, scanHistory } from '../src/index.js';
import { createTestRepo, type TestRepo } from '@keyguard/testkit/git';

const g = createSampleGenerator(13);
const removedLater = g.githubToken('ghp_');
const onBranch = `PMAK-${g.hex(24)}-${g.hex(34)}`;
const stillThere = g.githubToken('gho_');
const scanner = createScanner();

let repo: TestRepo;
const shas: Record<string, string> = {};

beforeAll(async () => {
  repo = await createTestRepo();
  shas.first = await repo.commit({ 'README.md': '# demo\n' });
  shas.leak = await repo.commit({ 'config/app.env': `A=1\nB=2\nGITHUB_TOKEN=${removedLater}\n` }, { author: 'Mallory', email: 'm@example.com' });
  shas.remove = await repo.commit({ 'config/app.env': 'A=1\nB=2\n' });
  shas.keep = await repo.commit({ 'src/token.ts': `export const t = "${stillThere}";\n` });
  await repo.git('checkout', '-q', '-b', 'feature', shas.first!);
  shas.branch = await repo.commit({ 'collection.json': `{\n  "key": "${onBranch}"\n}\n` });
  await repo.git('checkout', '-q', 'main');
});
afterAll(() => repo?.cleanup());

async function scan(selection = {}, parallel: { jobs?: number; parallelFrom?: number } = {}) {
  const findings: GitFinding[] = [];
  const done: string[] = [];
  const stats = await scanHistory({
    repo: repo.dir,
    scanner,
    selection,
    ...parallel,
    onFinding: (f) => findings.push(f),
    onCommitDone: (c) => done.push(c.sha),
  });
  return { findings, stats, done };
}

describe('scanHistory (real git)', () => {
  it('finds a secret removed in a later commit, with the commit that added it, on every ref', async () => {
    const { findings, stats, done } = await scan();
    const byHash = new Map(findings.map((f) => [f.tokenHash, f]));
    expect(byHash.get(hashToken(removedLater))).toMatchObject({
      ruleId: 'github-pat-classic',
      commit: shas.leak,
      author: 'Mallory',
      email: 'm@example.com',
      file: 'config/app.env',
      line: 3,
      column: 14,
      endLine: 3,
    });
    expect(byHash.get(hashToken(removedLater))!.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byHash.get(hashToken(onBranch))).toMatchObject({ commit: shas.branch, file: 'collection.json', line: 2 });
    expect(byHash.get(hashToken(stillThere))).toMatchObject({ commit: shas.keep, file: 'src/token.ts', line: 1 });
    expect(findings).toHaveLength(3);
    expect(stats.commits).toBe(5);
    expect(done).toHaveLength(5);
    expect(new Set(done)).toEqual(new Set(Object.values(shas)));
    for (const secret of [removedLater, onBranch, stillThere]) expect(JSON.stringify(findings)).not.toContain(secret);
  });

  it('reads only the revisions asked for, at most --max-commits, and resumes after a cursor', async () => {
    const main = await scan({ revisions: ['main'] });
    expect(main.findings.map((f) => f.commit).sort()).toEqual([shas.leak, shas.keep].sort());
    const newest = await scan({ revisions: ['main'], maxCommits: 1 });
    expect(newest.done).toEqual([shas.keep]);
    const resumed = await scan({ revisions: ['main'], skip: 1 });
    expect(resumed.done).toEqual([shas.remove, shas.leak, shas.first]);
  });

  it('gives the same findings, in the same order, when several git processes diff slices at once', async () => {
    const one = await scan();
    for (const jobs of [2, 3]) {
      const many = await scan({}, { jobs, parallelFrom: 1 });
      expect(many.findings).toEqual(one.findings);
      expect(many.stats).toEqual(one.stats);
    }
  });

  it('fails with git’s own reason for a path that is not a repository', async () => {
    const error = await scanHistory({ repo: '/', scanner, onFinding: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toMatch(/not a git repository/);
  });
});
