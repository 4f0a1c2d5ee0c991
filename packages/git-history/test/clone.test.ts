import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSampleGenerator, createScanner, hashToken } from '@keyguard/detectors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneBare, GitError, type GitFinding, missingBlobPaths, refTips, scanHistory } from '../src/index.js';
import { createTestRepo, type DumbHttpServer, publishBare, serveDumbHttp, type TestRepo } from '@keyguard/testkit/git';

const g = createSampleGenerator(17);
const small = g.githubToken('ghp_');
const inBig = g.githubToken('gho_');
const bigText = `${'filler line\n'.repeat(2000)}token=${inBig}\n`;

let repo: TestRepo;
let served: string;
let http: DumbHttpServer;
let work: string;
const sha: Record<string, string> = {};

beforeAll(async () => {
  repo = await createTestRepo();
  sha.small = await repo.commit({ 'app.env': `TOKEN=${small}\n` });
  sha.big = await repo.commit({ 'data/big.txt': bigText });
  sha.clean = await repo.commit({ 'app.env': 'TOKEN=\n' });
  await repo.git('tag', '-a', 'v1', '-m', 'release', sha.big!);
  served = mkdtempSync(path.join(tmpdir(), 'keyguard-served-'));
  await publishBare(repo, served, 'octo/hello');
  http = await serveDumbHttp(served);
  work = mkdtempSync(path.join(tmpdir(), 'keyguard-clones-'));
});
afterAll(async () => {
  await http?.stop();
  repo?.cleanup();
  rmSync(served, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function findings(dir: string, env: Record<string, string>, excludePaths: string[] = []) {
  const out: GitFinding[] = [];
  const revisions = await refTips(dir, env);
  await scanHistory({ repo: dir, env, scanner: createScanner(), selection: { revisions, excludePaths }, onFinding: (f) => out.push(f) });
  return out;
}

describe('cloneBare', () => {
  it('clones over dumb HTTP (a static server after update-server-info): the filter is ignored, history is whole', async () => {
    const clone = await cloneBare({ url: `${http.url}/octo/hello.git`, dir: path.join(work, 'dumb'), blobLimitBytes: 1024, maxBytes: 10 * 1024 * 1024 });
    expect(http.requests).toContain('/octo/hello.git/info/refs?service=git-upload-pack');
    const tips = await refTips(clone.dir, clone.env);
    expect(tips).toEqual([sha.clean, sha.big].sort());
    expect(await missingBlobPaths(clone.dir, tips, clone.env)).toEqual([]);
    const found = await findings(clone.dir, clone.env);
    expect(found.map((f) => [f.tokenHash, f.commit])).toEqual(
      expect.arrayContaining([
        [hashToken(small), sha.small],
        [hashToken(inBig), sha.big],
      ]),
    );
  });

  it('makes a partial clone where the server allows it; the paths of missing blobs are left out, nothing is fetched', async () => {
    const source = path.join(served, 'octo/hello.git');
    await repo.git('-C', source, 'config', 'uploadpack.allowFilter', 'true');
    const clone = await cloneBare({ url: `file://${source}`, dir: path.join(work, 'partial'), blobLimitBytes: 1024 });
    const tips = await refTips(clone.dir, clone.env);
    const excluded = await missingBlobPaths(clone.dir, tips, clone.env);
    expect(excluded).toEqual(['data/big.txt']);
    // the origin is gone: a lazy fetch would fail the scan
    await repo.git('-C', clone.dir, 'remote', 'set-url', 'origin', 'file:///nonexistent');
    const found = await findings(clone.dir, clone.env, excluded);
    expect(found.map((f) => f.tokenHash)).toEqual([hashToken(small)]);
  });

  it('stops a clone that outgrows its size limit', async () => {
    const error = await cloneBare({ url: `${http.url}/octo/hello.git`, dir: path.join(work, 'small'), maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).code).toBe('TOO_LARGE');
  });
});
