import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSampleGenerator, hashToken } from '@keyguard/detectors';
import { createTestRepo, type TestRepo } from '@keyguard/testkit/git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const g = createSampleGenerator(21);
const removed = g.githubToken('ghp_');
const onFeature = `PMAK-${g.hex(24)}-${g.hex(34)}`;
const vendored = g.githubToken('gho_');
const secrets = [removed, onFeature, vendored];

let repo: TestRepo;
const sha: Record<string, string> = {};

beforeAll(async () => {
  repo = await createTestRepo();
  sha.init = await repo.commit({ 'README.md': '# app\n' }, { date: '2024-01-01T10:00:00Z' });
  sha.leak = await repo.commit(
    { 'src/config.ts': `export const config = {\n  token: "${removed}",\n};\n` },
    { author: 'Dev One', email: 'dev1@example.com', date: '2024-02-01T10:00:00Z' },
  );
  sha.fix = await repo.commit({ 'src/config.ts': 'export const config = {\n  token: process.env.TOKEN,\n};\n' }, { date: '2024-03-01T10:00:00Z' });
  sha.vendor = await repo.commit({ 'vendor/lib.js': `module.exports = "${vendored}";\n` }, { date: '2024-04-01T10:00:00Z' });
  await repo.git('checkout', '-q', '-b', 'feature', sha.init!);
  sha.feature = await repo.commit(
    { 'postman/env.json': `{\n  "apiKey": "${onFeature}"\n}\n` },
    { author: 'Dev Two', email: 'dev2@example.com', date: '2024-05-01T10:00:00Z' },
  );
  await repo.git('checkout', '-q', 'main');
});
afterAll(() => repo?.cleanup());

const json = async (...args: string[]) => {
  const res = await cli('scan', '--git', repo.dir, '--format', 'json', ...args);
  return { ...res, report: JSON.parse(res.stdout) };
};

describe('keyguard scan --git', () => {
  it('finds a secret removed in a later commit, on every ref, with commit, author, date, path and line', async () => {
    const { code, report } = await json();
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(3);
    const leak = report.findings.find((f: { tokenHash: string }) => f.tokenHash === hashToken(removed));
    expect(leak).toEqual({
      ruleId: 'github-pat-classic',
      tokenHash: hashToken(removed),
      redacted: `ghp_…${removed.slice(-4)}`,
      commit: sha.leak,
      author: 'Dev One',
      email: 'dev1@example.com',
      date: '2024-02-01T10:00:00Z'.replace('Z', '+00:00'),
      file: 'src/config.ts',
      line: 2,
      column: 11,
      endLine: 2,
      endColumn: 11 + removed.length,
      confidence: 'high',
    });
    expect(report.findings.find((f: { tokenHash: string }) => f.tokenHash === hashToken(onFeature))).toMatchObject({
      commit: sha.feature,
      author: 'Dev Two',
      file: 'postman/env.json',
      line: 2,
    });
    expect(report.stats).toMatchObject({ commits: 5, suppressed: 0, errors: 0 });
  });

  it('limits the walk with --branch, --since and --max-commits', async () => {
    const main = await json('--branch', 'main');
    expect(main.report.findings.map((f: { commit: string }) => f.commit).sort()).toEqual([sha.leak, sha.vendor].sort());
    const since = await json('--since', '2024-03-15');
    expect(since.report.findings.map((f: { commit: string }) => f.commit).sort()).toEqual([sha.vendor, sha.feature].sort());
    const newest = await json('--branch', 'main', '--max-commits', '2');
    expect(newest.report.findings.map((f: { commit: string }) => f.commit)).toEqual([sha.vendor]);
    expect(newest.report.stats.commits).toBe(2);
  });

  it('applies the config excludes and a baseline; exits 0 when nothing is left', async () => {
    const config = path.join(repo.dir, '..', 'keyguard.toml');
    writeFileSync(config, '[scan]\nexclude = ["vendor/**"]\n');
    const excluded = await json('--config', config);
    expect(excluded.report.findings.map((f: { file: string }) => f.file).sort()).toEqual(['postman/env.json', 'src/config.ts']);
    expect(excluded.report.stats.skipped.excluded).toBe(1);
    const baseline = path.join(repo.dir, '..', 'baseline.json');
    writeFileSync(baseline, excluded.stdout);
    const clean = await json('--config', config, '--baseline', baseline);
    expect(clean.code).toBe(0);
    expect(clean.report).toMatchObject({ findings: [], stats: { suppressed: 2 } });
  });

  it('prints text with the commit, and SARIF results that carry it', async () => {
    const text = await cli('scan', '--git', repo.dir, '--branch', 'main');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `src/config.ts:2:11: github-pat-classic ghp_…${removed.slice(-4)} (high) in commit ${sha.leak} by Dev One <dev1@example.com>`,
    );
    expect(text.stderr).toMatch(/2 secrets found in 4 commits/);
    const sarif = JSON.parse((await cli('scan', '--git', repo.dir, '--format', 'sarif')).stdout);
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(3);
    const leak = results.find((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['keyguardTokenHash/v1'] === hashToken(removed));
    expect(leak.partialFingerprints.commitSha).toBe(sha.leak);
    expect(leak.properties).toMatchObject({ commit: sha.leak, author: 'Dev One' });
    expect(leak.locations[0].physicalLocation.region.startLine).toBe(2);
  });

  it('never prints a raw secret, in any format', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const res = await cli('scan', '--git', repo.dir, '--format', format);
      for (const secret of secrets) expect(res.stdout + res.stderr, format).not.toContain(secret.slice(4, -4));
    }
  });

  it('draws a progress line on a TTY only', async () => {
    let stderr = '';
    const { run } = await import('../src/run.js');
    await run(['scan', '--git', repo.dir, '--format', 'json'], { stdout: () => {}, stderr: (t) => (stderr += t), stderrIsTTY: true });
    expect(stderr).toMatch(/keyguard: 5 commits, \d+\.\d MB, \d+\.\d MB\/s\n$/);
    expect((await json()).stderr).toBe('');
  });

  it('exits 2 with a clear message for a non-repository, an unknown branch or misused options', async () => {
    const notRepo = await cli('scan', '--git', path.join(repo.dir, '..'));
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/is not a git repository/);
    const badBranch = await cli('scan', '--git', repo.dir, '--branch', 'nope');
    expect(badBranch.code).toBe(2);
    expect(badBranch.stderr).toContain('--branch nope: no such branch, tag or commit');
    expect((await cli('scan', repo.dir, '--since', '2024-01-01')).stderr).toContain('--since goes with --git');
    expect((await cli('scan', '--git', repo.dir, '--max-commits', '0')).stderr).toContain('--max-commits must be a positive integer');
    expect((await cli('scan', '--git', repo.dir, '--branch', '--all')).code).toBe(2);
  });
});
