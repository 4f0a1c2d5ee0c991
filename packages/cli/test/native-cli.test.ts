import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSampleGenerator } from '@keyguard/detectors';
import { afterAll, describe, expect, it } from 'vitest';
import { BINARY_EXTENSIONS } from '../src/walk.js';
import { tempTree } from './helpers.js';

/**
 * The native CLI (packages/detectors/native, `keyguard-scan`) against the JavaScript one
 * (`node bin/keyguard.js`) as processes: byte for byte the same stdout and stderr (but the
 * `ms` figure) and exit code, on a tree with secrets (plain and encoded), a too-large, a
 * binary and unreadable files, in every format and on two threads; what the native CLI does
 * not run it must hand over (`--help`, `--config`, usage errors), and the `keyguard` launcher
 * must run the native CLI when it is built. Needs `npm run build` with cargo on PATH.
 */
const native = fileURLToPath(new URL('../../detectors/dist/native/keyguard-scan', import.meta.url));
const js = fileURLToPath(new URL('../bin/keyguard.js', import.meta.url));
const launcher = fileURLToPath(new URL('../bin/keyguard', import.meta.url));
// only a machine without cargo skips (the build there makes no native CLI); CI has cargo
const noCargo = spawnSync('cargo', ['--version'], { stdio: 'ignore' }).error !== undefined;
if (noCargo) console.warn('native CLI tests skipped: cargo is not on PATH, so npm run build built no native CLI');

const g = createSampleGenerator(5);
const ghp = g.githubToken('ghp_');
const npm = g.githubToken('npm_');
const pmak = `PMAK-${g.hex(24)}-${g.hex(34)}`;
const slack = `xoxb-${g.digits(12)}-${g.digits(12)}-${g.alnum(24)}`;
// ≥ 256 KB: the native prefilter puts its SIMD pair filter in front where the CPU has AVX-512
const filler = 'Le café est prêt: {"id": 42, "url": "https://example.com/a?b=c"}\tok\n';
const large = Array.from(
  { length: 80 },
  (_, i) =>
    `${filler.repeat(60)}${[`token=${ghp}`, `postman ${pmak}`, Buffer.from(`SLACK=${slack}`).toString('base64'), `n=${encodeURIComponent(npm)}`][i % 4]}\n`,
).join('');
const tree = tempTree({
  'data/large.log': large,
  'src/app.js': `// config\nconst token = "${ghp}";\nconst other = "${npm}";\n`,
  'src/ünïcödé dir/notes #1.md': `postman: ${pmak}\r\n`,
  'config/k8s.yaml': `apiVersion: v1\nkind: Secret\ndata:\n  config: ${Buffer.from(`SLACK_TOKEN=${slack}\n`).toString('base64')}\n`,
  'config/escaped.json': `{"script": "export NPM=${npm}\\nrun"}\n`,
  '.env': `GH=${ghp}\n`,
  'node_modules/lib/index.js': `module.exports = "${npm}";\n`,
  '.git/config': `[remote]\n\ttoken = ${ghp}\n`,
  'assets/logo.bin': Buffer.from(ghp),
  'assets/blob.dat': Buffer.concat([Buffer.from([0x89, 0, 1, 2]), Buffer.from(ghp)]),
  'data/huge.txt': `${'x'.repeat(3000)}\n${ghp}\n`,
  'empty.txt': '',
  'README.md': 'nothing to see\n',
});
const clean = tempTree({ 'a.txt': 'hello\n', 'b/c.js': 'export const x = 1;\n' });
mkdirSync(path.join(tree.root, 'sub'));
writeFileSync(path.join(tree.root, 'sub/z.txt'), `late = ${npm}\n`);
symlinkSync('../src/app.js', path.join(tree.root, 'sub/link.js')); // a link to a file is read
symlinkSync('../src', path.join(tree.root, 'sub/dir-link')); // a link to a directory: EISDIR
symlinkSync('missing', path.join(tree.root, 'sub/dangling')); // ENOENT
writeFileSync(path.join(tree.root, 'config.toml'), '[scan]\nexclude = ["sub/**"]\n');
afterAll(() => {
  tree.cleanup();
  clean.cleanup();
});

const line = (args: string[]) => ({ line: args.join(' ').replaceAll(tree.root, 'TREE').replaceAll(clean.root, 'CLEAN'), args });
const masked = (s: string) => s.replace(/"ms": \d+/g, '"ms": 0').replace(/, \d+ ms\)/g, ', 0 ms)');
const exec = (file: string, args: string[], env = process.env) => {
  const r = spawnSync(file, args, { cwd: tree.root, encoding: 'utf8', env });
  return { code: r.status, stdout: masked(r.stdout), stderr: masked(r.stderr) };
};

describe.skipIf(noCargo)('the native CLI (after npm run build with cargo)', { timeout: 60_000 }, () => {
  it('is built (a build that dropped it must not pass as a machine without cargo)', () => {
    for (const file of [native, fileURLToPath(new URL('../dist/main.js', import.meta.url))]) {
      expect(existsSync(file), `${file} is missing: run npm run build -w @keyguard/detectors -w @keyguard/cli`).toBe(true);
    }
  });

  it.each(
    [
      ['scan', '.', '--format', 'json'],
      ['scan', '.', '--format', 'text'],
      ['scan', '.', '--format', 'sarif'],
      ['scan', '.', '--format', 'json', '--threads', '2'],
      ['scan', '.', '-f', 'sarif', '-j', '3', '--include-node-modules', '--max-file-size=2000'],
      ['scan', './src/', 'data/../config', '.env', clean.root, '--format', 'json'],
      ['scan', 'src/app.js'],
      ['scan', clean.root],
      ['scan', clean.root, '--format', 'sarif', '--concurrency', '4'],
    ].map(line),
  )('keyguard $line: the same output and exit code as the JavaScript CLI', ({ args }) => {
    const want = exec(process.execPath, [js, ...args]);
    expect(want.code).not.toBe(2); // a scan, not a usage error
    expect(exec(native, args)).toEqual(want);
  });

  it('skips by name exactly the files the JavaScript CLI skips (its BINARY_EXTENSIONS, in any case)', () => {
    const names = [...BINARY_EXTENSIONS].flatMap((ext) => [`f.${ext}`, `G.${ext.toUpperCase()}`, `near.${ext}x`, `${ext}`]);
    const binaries = tempTree(Object.fromEntries([...names, 'archive.tar.GZ', '.png', 'dot.'].map((name) => [name, `t = "${ghp}"\n`])));
    try {
      const args = ['scan', binaries.root, '--format', 'json'];
      const want = exec(process.execPath, [js, ...args]);
      expect(JSON.parse(want.stdout).stats.skipped.binary).toBe(2 * BINARY_EXTENSIONS.size + 1);
      expect(exec(native, args)).toEqual(want);
    } finally {
      binaries.cleanup();
    }
  });

  it('reports unreadable files on stderr and exits 2 as the JavaScript CLI does', () => {
    const args = ['scan', 'sub', 'README.md', '--format', 'json'];
    const want = exec(process.execPath, [js, ...args]);
    expect(want.stderr).toContain('cannot read sub/dangling: ENOENT');
    expect(want.stderr).toContain('cannot read sub/dir-link: EISDIR');
    expect(exec(native, args)).toEqual(want);
  });

  it.each(
    [
      [],
      ['--help'],
      ['--version'],
      ['rules'],
      ['scan', '.', '--config', 'config.toml', '--format', 'json'],
      ['scan', '.', '--baseline', 'none.json'],
      ['scan', '/definitely/not/here'],
      ['scan', '.', '--format', 'xml'],
      ['scan', '.', '--threads', '0x2'],
      ['scan'],
    ].map(line),
  )('keyguard $line: handed to the JavaScript CLI', ({ args }) => {
    expect(exec(native, args)).toEqual(exec(process.execPath, [js, ...args]));
  });

  it('is what the keyguard launcher runs, and hands other command lines to node', () => {
    // a `node` first on PATH that only says it ran: the launcher's scan must not need it
    const fake = tempTree({ node: '#!/bin/sh\necho "node $*"\nexit 42\n' });
    try {
      chmodSync(path.join(fake.root, 'node'), 0o755);
      const env = { ...process.env, PATH: `${fake.root}:${process.env.PATH}` };
      expect(exec(launcher, ['scan', '.', '--format', 'json'], env)).toEqual(exec(process.execPath, [js, 'scan', '.', '--format', 'json']));
      expect(exec(launcher, ['--help'], env)).toEqual({ code: 42, stdout: `node ${js} --help\n`, stderr: '' });
      // through npm's symlink, node_modules/.bin/keyguard, as `npx keyguard` runs it
      const bin = fileURLToPath(new URL('../../../node_modules/.bin/keyguard', import.meta.url));
      if (existsSync(bin)) expect(exec(bin, ['scan', 'src', '--format', 'json'], env)).toEqual(exec(process.execPath, [js, 'scan', 'src', '--format', 'json']));
      // without the native build, the launcher runs node itself
      const bare = tempTree({ 'cli/bin/keyguard.js': '' });
      try {
        const copy = path.join(bare.root, 'cli/bin/keyguard');
        writeFileSync(copy, readFileSync(launcher));
        chmodSync(copy, 0o755);
        expect(exec(copy, ['scan', '.'], env)).toEqual({ code: 42, stdout: `node ${bare.root}/cli/bin/keyguard.js scan .\n`, stderr: '' });
      } finally {
        bare.cleanup();
      }
    } finally {
      fake.cleanup();
    }
  });
});
