import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSampleGenerator, hashToken } from '@keyguard/detectors';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

const g = createSampleGenerator(11);
const ghp = g.githubToken('ghp_');
const pmak = `PMAK-${g.hex(24)}-${g.hex(34)}`;
const hidden = g.githubToken('gho_');
const inModules = g.githubToken('ghu_');
const inGit = g.githubToken('ghs_');
const big = `sk_live_${g.alnum(30)}`;
const pmakLine = `  "values": [{ "key": "apiKey", "value": "${pmak}" }]`;
const pmakColumn = pmakLine.indexOf(pmak) + 1;

const tree = tempTree({
  'src/app.js': `// config\nconst token = "${ghp}";\n`,
  'config/postman.env.json': `{\n${pmakLine}\n}\n`,
  '.env': `GH=${hidden}\n`,
  'node_modules/lib/index.js': `module.exports = "${inModules}";\n`,
  '.git/config': `[remote]\n\ttoken = ${inGit}\n`,
  'assets/logo.bin': Buffer.concat([Buffer.from([0x89, 0, 1, 2]), Buffer.from(g.githubToken('ghp_'))]),
  'data/huge.txt': `${'x'.repeat(3000)}\n${big}\n`,
  'README.md': 'nothing to see\n',
});
const clean = tempTree({ 'a.txt': 'hello\n', 'b/c.js': 'export const x = 1;\n' });
/** huge.txt (3 KB) is over this cap: scans of `tree` see 3 secrets and one file skipped as too large. */
const CAP = ['--max-file-size', '2000'];
afterAll(() => {
  tree.cleanup();
  clean.cleanup();
});

describe('keyguard scan', () => {
  it('prints the JSON report and exits 1 when secrets are found', async () => {
    const res = await cli('scan', tree.root, '--format', 'json', ...CAP);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(Object.keys(report)).toEqual(['findings', 'stats']);
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'github-oauth-token', file: '.env', line: 1, column: 4, tokenHash: hashToken(hidden) }),
      {
        ruleId: 'postman-api-key',
        tokenHash: hashToken(pmak),
        redacted: `PMAK-…${pmak.slice(-4)}`,
        file: 'config/postman.env.json',
        line: 2,
        column: pmakColumn,
        endLine: 2,
        endColumn: pmakColumn + pmak.length,
        confidence: 'high',
      },
      expect.objectContaining({ ruleId: 'github-pat-classic', file: 'src/app.js', line: 2, column: 16 }),
    ]);
    expect(report.stats).toMatchObject({ files: 4, rejected: 0, skipped: { tooLarge: 1, binary: 1 }, errors: 0 });
    expect(report.stats.bytes).toBeGreaterThan(100);
    expect(typeof report.stats.ms).toBe('number');
  });

  it('never prints a raw secret, in any format', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const res = await cli('scan', tree.root, '--format', format);
      for (const secret of [ghp, pmak, hidden]) {
        expect(res.stdout + res.stderr, format).not.toContain(secret.slice(4, -4));
      }
    }
  });

  it('skips node_modules and .git unless node_modules is asked for', async () => {
    const without = JSON.parse((await cli('scan', tree.root, '--format', 'json')).stdout);
    expect(without.findings.map((f: { file: string }) => f.file)).not.toContain('node_modules/lib/index.js');
    const withModules = JSON.parse((await cli('scan', tree.root, '--format', 'json', '--include-node-modules')).stdout);
    const files = withModules.findings.map((f: { file: string }) => f.file);
    expect(files).toContain('node_modules/lib/index.js');
    expect(files.some((f: string) => f.startsWith('.git/'))).toBe(false);
  });

  it('exits 0 with an empty report on a clean tree', async () => {
    const res = await cli('scan', clean.root, '--format', 'json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ findings: [], stats: { files: 2, rejected: 0 } });
  });

  it('prints text findings as file:line:column and a summary on stderr', async () => {
    const res = await cli('scan', tree.root, ...CAP);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`src/app.js:2:16: github-pat-classic ghp_…${ghp.slice(-4)} (high)\n`);
    expect(res.stderr).toMatch(/3 secrets found in \d+ files/);
  });

  it('scans a single file and several roots, keeping reported paths distinct', async () => {
    const single = JSON.parse((await cli('scan', `${tree.root}/src/app.js`, '--format', 'json')).stdout);
    expect(single.findings.map((f: { file: string }) => f.file)).toEqual(['app.js']);
    const cwd = process.cwd();
    process.chdir(tree.root);
    try {
      const many = JSON.parse((await cli('scan', 'src', 'config', '--format', 'json')).stdout);
      expect(many.findings.map((f: { file: string }) => f.file)).toEqual(['config/postman.env.json', 'src/app.js']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('emits SARIF 2.1.0 that code scanning accepts: rules, results, relative URIs, regions, fingerprints', async () => {
    const res = await cli('scan', tree.root, '--format', 'sarif', ...CAP);
    expect(res.code).toBe(1);
    const sarif = JSON.parse(res.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toContain('sarif-2.1.0');
    const [runInfo] = sarif.runs;
    expect(runInfo.tool.driver.name).toBe('keyguard');
    expect(runInfo.tool.driver.rules.length).toBeGreaterThanOrEqual(40);
    expect(runInfo.results).toHaveLength(3);
    for (const r of runInfo.results) {
      expect(runInfo.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text).toContain(r.ruleId);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\//);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(r.partialFingerprints['keyguardTokenHash/v1']).toMatch(/^[0-9a-f]{64}$/);
    }
    const pmakResult = runInfo.results.find((r: { ruleId: string }) => r.ruleId === 'postman-api-key');
    expect(pmakResult.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'config/postman.env.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: pmakColumn, endLine: 2, endColumn: pmakColumn + pmak.length },
    });
  });

  it('suppresses known findings with a baseline (a previous JSON report)', async () => {
    const first = await cli('scan', tree.root, '--format', 'json', ...CAP);
    const baseline = path.join(tree.root, '..', `baseline-${process.pid}.json`);
    writeFileSync(baseline, first.stdout);
    const second = await cli('scan', tree.root, '--format', 'json', ...CAP, '--baseline', baseline);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ findings: [], stats: { suppressed: 3 } });
    writeFileSync(baseline, JSON.stringify({ tokenHashes: [hashToken(ghp)] }));
    const partial = JSON.parse((await cli('scan', tree.root, '--format', 'json', ...CAP, '--baseline', baseline)).stdout);
    expect(partial.findings).toHaveLength(2);
  });
});

describe('keyguard config', () => {
  it('adds gitleaks-style custom rules, disables built-ins and allowlists paths (TOML)', async () => {
    const custom = `acme_${g.alnum(32)}`;
    const t = tempTree({
      'keyguard.toml': `
title = "acme"
[extend]
disabledRules = ["postman-api-key"]

[[rules]]
id = "acme-internal-key"
description = "ACME internal key"
regex = '''(?i)\\b(acme_[0-9a-z]{32})\\b'''
keywords = ["acme_"]
entropy = 3.0

  [[rules.allowlists]]
  stopwords = ["example"]

[allowlist]
paths = ["fixtures/**"]
`,
      'repo/a.txt': `x = ${custom}\npm = PMAK-${g.hex(24)}-${g.hex(34)}\n`,
      'repo/fixtures/b.txt': `${g.githubToken('ghp_')}\n`,
    });
    try {
      const res = await cli('scan', `${t.root}/repo`, '--config', `${t.root}/keyguard.toml`, '--format', 'json');
      expect(res.stderr).toBe('');
      const report = JSON.parse(res.stdout);
      expect(report.findings.map((f: { ruleId: string; file: string }) => [f.ruleId, f.file])).toEqual([['acme-internal-key', 'a.txt']]);
      const rules = JSON.parse((await cli('rules', '--config', `${t.root}/keyguard.toml`, '--format', 'json')).stdout);
      const ids = rules.map((r: { id: string }) => r.id);
      expect(ids).toContain('acme-internal-key');
      expect(ids).not.toContain('postman-api-key');
    } finally {
      t.cleanup();
    }
  });

  it('accepts the same config as JSON', async () => {
    const t = tempTree({
      'c.json': JSON.stringify({ extend: { useDefault: false }, rules: [{ id: 'only-this', regex: 'ONLY_[0-9]{8}', keywords: ['only_'] }] }),
      'r/x.txt': `ONLY_12345678 ${g.githubToken('ghp_')}\n`,
    });
    try {
      const report = JSON.parse((await cli('scan', `${t.root}/r`, '-c', `${t.root}/c.json`, '--format', 'json')).stdout);
      expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['only-this']);
    } finally {
      t.cleanup();
    }
  });

  it('rejects an invalid config with exit 2 and a message naming the problem', async () => {
    const t = tempTree({
      'bad.toml': '[[rules]]\nid = "Bad Id"\nregex = "x"\n',
      'bad-regex.toml': '[[rules]]\nid = "broken"\nregex = "([a-z"\n',
      'typo.toml': '[extend]\ndisabledRule = ["jwt"]\n',
      'unknown.toml': '[extend]\ndisabledRules = ["no-such-rule"]\n',
    });
    try {
      for (const [file, message] of [
        ['bad.toml', /kebab-case/],
        ['bad-regex.toml', /broken.*does not compile/],
        ['typo.toml', /disabledRule/],
        ['unknown.toml', /no-such-rule/],
      ] as const) {
        const res = await cli('scan', t.root, '--config', `${t.root}/${file}`);
        expect(res.code, file).toBe(2);
        expect(res.stderr, file).toMatch(message);
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('usage and I/O errors exit 2 with a message on stderr', () => {
  it.each([
    [['scan'], /at least one PATH/],
    [['scan', '.', '--format', 'xml'], /--format/],
    [['scan', '.', '--bogus'], /bogus/],
    [['frobnicate'], /unknown command/],
    [['scan', '/definitely/not/here'], /cannot scan/],
    [['scan', '.', '--baseline', '/definitely/not/here.json'], /cannot read baseline/],
  ])('%j', async (argv, message) => {
    const res = await cli(...argv);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stdout).toBe('');
  });

  it('lists the rules', async () => {
    const res = await cli('rules');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('postman-api-key');
    expect(res.stdout).toMatch(/\n\d{3} rules\n$/);
  });
});

const bin = fileURLToPath(new URL('../bin/keyguard.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)));

// each case starts node processes: on a busy machine that takes seconds of wall time
describe.skipIf(!built)('the built bin (after npm run build)', { timeout: 30_000 }, () => {
  it('runs as a process with the same exit codes and JSON', () => {
    const found = spawnSync(process.execPath, [bin, 'scan', `${tree.root}/src`, '--format', 'json'], { encoding: 'utf8' });
    expect(found.status).toBe(1);
    expect(JSON.parse(found.stdout).findings[0].tokenHash).toBe(hashToken(ghp));
    expect(spawnSync(process.execPath, [bin, 'scan', clean.root], { encoding: 'utf8' }).status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, 'scan'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('at least one PATH');
  });

  it('gives the same report on worker threads (--threads 2)', () => {
    const args = (threads: string) => [bin, 'scan', tree.root, '--format', 'json', ...CAP, '--threads', threads];
    const one = spawnSync(process.execPath, args('1'), { encoding: 'utf8' });
    const two = spawnSync(process.execPath, args('2'), { encoding: 'utf8' });
    expect(two.status).toBe(1);
    expect(JSON.parse(two.stdout).findings).toEqual(JSON.parse(one.stdout).findings);
    expect(JSON.parse(two.stdout).stats).toMatchObject({ files: 4, skipped: { tooLarge: 1, binary: 1 } });
  });
});
