#!/usr/bin/env node
// Git history benchmark (issue 13): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run bench:git
//
// Side by side, on the same machine and cores, in the same run:
//   - `keyguard scan --git` (the built CLI) and `gitleaks git` (v8, `go install`ed like
//     test/bench/scanner.mjs does), both reading `git log -p` of every ref;
//   - `git log -p -U0` alone (what both tools read first): the floor neither can go under;
// on this repository's own history and on a generated repository of BENCH_COMMITS (default
// 10,000) commits, made with `git fast-import` from real source lines (this checkout's
// node_modules) with generated secrets planted in some commits and removed in later ones.
// For the planted secrets it prints what each tool found, and whether at the commit, path and
// line that added it. Wall = elapsed seconds; CPU = user + system seconds of the tool and the
// git it runs. The generated repository is cached in ~/.cache/keyguard/git-bench-<version>.
//
// Environment: BENCH_COMMITS (default 10000), BENCH_RUNS (default 3, best of), BENCH_SKIP
// (comma list of gitleaks,self).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { best, cacheDir, ensureGitleaks, goModuleVersion, repo, timed } from './tools.mjs';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const VERSION = `v2-${COMMITS}`;
const generated = path.join(os.homedir(), '.cache/keyguard', `git-bench-${VERSION}`);
const answerKey = `${generated}.planted.json`;
/**
 * Rules planted: formats both tools know and whose generated samples gitleaks' own rules match
 * (its stripe, npm and sendgrid patterns miss some of ours), so a difference in what they find
 * is a difference in how they read history, not in their catalogues.
 */
const PLANTED_RULES = [
  'postman-api-key',
  'github-pat-classic',
  'github-fine-grained-pat',
  'github-oauth-token',
  'gitlab-pat',
  'slack-bot-token',
  'slack-webhook-url',
  'aws-access-key-id',
  'openai-api-key',
  'shopify-access-token',
  'pypi-upload-token',
  'private-key',
];

const log = (...args) => console.log(...args);
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const cliMain = path.join(repo, 'packages/cli/bin/keyguard.js');
const detectors = await import(path.join(repo, 'packages/detectors/dist/index.js'));

// ---------------------------------------------------------------------------------------------
// the generated repository

/** Lines of real source text to build files from (deterministic order). */
function sourceLines(limitBytes) {
  const lines = [];
  let bytes = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      if (bytes >= limitBytes) return;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:js|ts|md|json|css|yml)$/.test(e.name) && statSync(p).size < 200_000) {
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          if (line.length === 0 || line.length > 160 || line.includes('\x1e')) continue;
          lines.push(line);
          bytes += line.length + 1;
        }
      }
    }
  };
  walk(path.join(repo, 'node_modules'));
  return lines;
}

async function generate() {
  if (existsSync(answerKey) && existsSync(generated)) {
    const meta = JSON.parse(readFileSync(answerKey, 'utf8'));
    if (meta.version === VERSION) return meta;
  }
  log(`generating a repository of ${COMMITS} commits in ${generated} (git fast-import) ...`);
  rmSync(generated, { recursive: true, force: true });
  mkdirSync(generated, { recursive: true });
  spawnSync('git', ['init', '-q', '--bare', generated], { stdio: 'inherit' });
  const g = detectors.createSampleGenerator(4242);
  /** A uniform integer in [0, n). */
  const below = (n) => g.int(0, n - 1);
  const pool = sourceLines(8e6);
  const rules = detectors.defaultRules.filter((r) => PLANTED_RULES.includes(r.id));
  const snippets = [1, 2, 3, 4].flatMap((seed) => detectors.plantedSamples(detectors.createSampleGenerator(seed), rules));
  const files = Array.from({ length: 400 }, (_, i) => ({
    path: `${['src', 'lib', 'config', 'docs', 'test'][i % 5]}/${['app', 'util', 'model', 'view'][i % 4]}-${i}.${['ts', 'js', 'md', 'json', 'yml'][i % 5]}`,
    lines: [],
  }));
  const authors = Array.from({ length: 25 }, (_, i) => `Dev ${i} <dev${i}@example.com>`);
  const fastImport = spawn('git', ['fast-import', '--quiet', `--export-marks=${generated}/marks`], { cwd: generated, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => fastImport.on('close', resolve));
  let pending = [];
  let pendingBytes = 0;
  const write = async (text) => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes < 1 << 20) return;
    const ok = fastImport.stdin.write(pending.join(''));
    pending = [];
    pendingBytes = 0;
    if (!ok) await new Promise((r) => fastImport.stdin.once('drain', r));
  };
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;

  // 97% of the commits on main, the rest on three side branches (never merged): --all matters
  const sideLength = Math.floor(COMMITS * 0.01);
  const sides = [0.3, 0.55, 0.8].map((at, i) => ({ ref: `refs/heads/feature-${i + 1}`, fork: Math.floor(COMMITS * at), length: sideLength }));
  const planted = [];
  let snippetIndex = 0;
  let mark = 0;
  const mainMarks = [];
  const plantEvery = Math.max(1, Math.floor(COMMITS / snippets.length));
  const time0 = Date.parse('2020-01-01T00:00:00Z') / 1000;

  async function commit(ref, from, index, { plant } = {}) {
    mark++;
    const author = authors[below(authors.length)];
    const when = `${time0 + index * 600} +0000`;
    let body = `commit ${ref}\nmark :${mark}\nauthor ${author} ${when}\ncommitter ${author} ${when}\n${data(`change ${index}`)}`;
    if (from) body += `from :${from}\n`;
    const touched = new Set();
    const edits = 1 + below(3);
    for (let e = 0; e < edits; e++) {
      const file = files[below(files.length)];
      touched.add(file);
      // delete a few lines, insert a few real ones
      const remove = file.lines.length > 300 ? 40 : below(3);
      for (let r = 0; r < remove && file.lines.length > 0; r++) file.lines.splice(below(file.lines.length), 1);
      const add = 3 + below(18);
      const at = below(file.lines.length + 1);
      file.lines.splice(at, 0, ...Array.from({ length: add }, () => pool[below(pool.length)]));
    }
    // a third of the planted snippets are removed again some commits later
    for (const p of planted) {
      if (p.removeAt !== index || !p.file.lines.includes(p.lines[0])) continue;
      const start = p.file.lines.indexOf(p.lines[0]);
      p.file.lines.splice(start, p.lines.length);
      touched.add(p.file);
      p.removed = true;
    }
    if (plant) {
      const snippet = snippets[snippetIndex++ % snippets.length];
      const file = files[below(files.length)];
      touched.add(file);
      const at = below(file.lines.length + 1);
      const lines = snippet.text.split('\n');
      file.lines.splice(at, 0, ...lines);
      const markOf = mark;
      for (const secret of snippet.secrets) {
        const before = snippet.text.slice(0, snippet.text.indexOf(secret));
        planted.push({
          ruleId: snippet.ruleId,
          secret,
          mark: markOf,
          path: file.path,
          line: at + 1 + before.split('\n').length - 1,
          removeAt: below(3) === 0 ? index + 1 + below(50) : undefined,
          file,
          lines,
        });
      }
    }
    for (const file of touched) body += `M 100644 inline ${file.path}\n${data(`${file.lines.join('\n')}\n`)}`;
    await write(body);
    return mark;
  }

  let index = 0;
  for (let i = 0; i < COMMITS - sides.length * sideLength; i++) {
    mainMarks.push(await commit('refs/heads/main', undefined, index++, { plant: i % plantEvery === plantEvery - 1 }));
    for (const side of sides) {
      if (i !== side.fork) continue;
      // a side branch: files diverge from here, then main carries on from its own state
      const saved = files.map((f) => [...f.lines]);
      let from = mainMarks.at(-1);
      for (let k = 0; k < side.length; k++) from = await commit(side.ref, k === 0 ? from : undefined, index++, { plant: k % 25 === 24 });
      files.forEach((f, n) => {
        f.lines = saved[n];
      });
    }
  }
  fastImport.stdin.end(pending.join(''));
  await exited;
  const marks = new Map(
    readFileSync(`${generated}/marks`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([m, sha]) => [Number(m.slice(1)), sha]),
  );
  rmSync(`${generated}/marks`);
  spawnSync('git', ['gc', '-q', '--prune=now'], { cwd: generated, stdio: 'inherit' });
  const meta = {
    version: VERSION,
    commits: COMMITS,
    planted: planted.map((p) => ({
      ruleId: p.ruleId,
      tokenHash: detectors.hashToken(p.secret),
      secret: p.secret,
      commit: marks.get(p.mark),
      path: p.path,
      line: p.line,
      removedLater: p.removed === true,
    })),
  };
  // outside the repository: the tools must not scan the answer key
  writeFileSync(answerKey, JSON.stringify(meta));
  return meta;
}

// ---------------------------------------------------------------------------------------------
// the tools

function runKeyguard(target, extra = []) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed(process.execPath, [cliMain, 'scan', '--git', target, '--format', 'json', ...extra]));
  const r = best(runs);
  if (r.status === 2) throw new Error(`keyguard failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return {
    ...r,
    commits: report.stats.commits,
    bytes: report.stats.bytes,
    findings: report.findings.map((f) => ({ tokenHash: f.tokenHash, commit: f.commit, path: f.file, line: f.line })),
  };
}

function runGitleaks(bin, target) {
  const reportPath = path.join(cacheDir, 'gitleaks-git-report.json');
  const args = ['git', target, '--no-banner', '--log-level', 'error', '--exit-code', '0', '--report-format', 'json', '--report-path', reportPath];
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed(bin, args));
  const r = best(runs);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  rmSync(reportPath); // it holds the planted (fake) secrets in clear: keep none in the checkout
  return {
    ...r,
    findings: report.map((f) => ({
      tokenHash: detectors.hashToken(f.Secret ?? ''),
      secret: f.Secret ?? '',
      commit: f.Commit,
      path: f.File,
      line: f.StartLine,
      rule: f.RuleID,
    })),
  };
}

function runGitLog(target) {
  const args = ['-C', target, 'log', '-p', '-U0', '--full-history', '--all', '--diff-filter=tuxdb', '--no-color'];
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(timed('sh', ['-c', `git ${args.map((a) => `'${a}'`).join(' ')} | wc -c`]));
  const r = best(runs);
  return { ...r, bytes: Number(r.stdout.trim()) };
}

/** For each planted secret: found at its commit, path and line; found elsewhere only; missed. */
function compare(planted, findings, { bySecret = false } = {}) {
  const out = { exact: 0, elsewhere: 0, missed: 0, missedRules: new Map() };
  for (const p of planted) {
    const same = findings.filter((f) =>
      bySecret ? f.secret === p.secret || (f.secret.length >= 16 && p.secret.includes(f.secret)) : f.tokenHash === p.tokenHash,
    );
    if (same.some((f) => f.commit === p.commit && f.path === p.path && f.line === p.line)) out.exact++;
    else if (same.length > 0) out.elsewhere++;
    else {
      out.missed++;
      out.missedRules.set(p.ruleId, (out.missedRules.get(p.ruleId) ?? 0) + 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const gitVersion = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
log('');
log(
  `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${gitVersion}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
const gitleaks = SKIP.has('gitleaks') ? undefined : ensureGitleaks(log);
if (gitleaks) log(`gitleaks ${goModuleVersion(gitleaks) ?? 'unknown version'} (go install), best of ${RUNS} runs each`);

const meta = await generate();
const targets = [
  ...(SKIP.has('self') ? [] : [{ name: "this repository's history", dir: repo }]),
  { name: `generated, ${meta.commits.toLocaleString('en-US')} commits`, dir: generated },
];

const table = [];
for (const target of targets) {
  const commits = spawnSync('git', ['-C', target.dir, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).stdout.trim();
  log('');
  log(`== ${target.name} (${commits} commits on all refs)`);
  const floor = runGitLog(target.dir);
  log(`  git log -p alone:  wall ${fmt(floor.wall)} s  cpu ${fmt(floor.cpu)} s  (${fmt(floor.bytes / 1e6, 1)} MB of patches)`);
  const one = runKeyguard(target.dir, ['--threads', '1']);
  log(`  keyguard --git, one git process:  wall ${fmt(one.wall)} s  cpu ${fmt(one.cpu)} s  findings ${one.findings.length}`);
  const kg = runKeyguard(target.dir);
  log(
    `  keyguard --git:    wall ${fmt(kg.wall)} s  cpu ${fmt(kg.cpu)} s  findings ${kg.findings.length}  (${kg.commits} commits, ${fmt(kg.bytes / 1e6 / kg.wall, 1)} MB/s; git processes: the cores, up to 4)`,
  );
  let gl;
  if (gitleaks) {
    gl = runGitleaks(gitleaks, target.dir);
    log(`  gitleaks git:      wall ${fmt(gl.wall)} s  cpu ${fmt(gl.cpu)} s  findings ${gl.findings.length}`);
    log(`  keyguard is ${fmt(gl.wall / kg.wall, 1)}x faster (wall), ${fmt(gl.cpu / kg.cpu, 1)}x less CPU`);
  }
  table.push({ target: target.name, kg, one, gl, floor });
  if (target.dir === generated) {
    const planted = meta.planted;
    const removed = planted.filter((p) => p.removedLater).length;
    log(
      `  planted: ${planted.length} secrets of ${PLANTED_RULES.length} rules in ${new Set(planted.map((p) => p.commit)).size} commits (${removed} removed again in a later commit)`,
    );
    const k = compare(planted, kg.findings);
    log(
      `    keyguard: ${k.exact} at the commit, path and line that added them, ${k.elsewhere} elsewhere only, ${k.missed} missed${k.missed ? ` (${[...k.missedRules].map(([r, n]) => `${r}×${n}`).join(', ')})` : ''}`,
    );
    if (gl) {
      const l = compare(planted, gl.findings, { bySecret: true });
      log(
        `    gitleaks: ${l.exact} at the commit, path and line that added them, ${l.elsewhere} elsewhere only, ${l.missed} missed${l.missed ? ` (${[...l.missedRules].map(([r, n]) => `${r}×${n}`).join(', ')})` : ''}`,
      );
      // which planted secret a finding is: by hash, or (gitleaks reports what its own rule
      // captured, e.g. a whole webhook URL) by the planted secret inside the captured text
      const plantedOf = (f) =>
        planted.findIndex(
          (p) =>
            f.tokenHash === p.tokenHash || (f.secret !== undefined && f.secret.length >= 16 && (f.secret.includes(p.secret) || p.secret.includes(f.secret))),
        );
      const keyed = (list) =>
        new Set(
          list
            .map((f) => [plantedOf(f), f])
            .filter(([i]) => i >= 0)
            .map(([i, f]) => `${i} ${f.commit} ${f.path} ${f.line}`),
        );
      const kgSet = keyed(kg.findings);
      const glSet = keyed(gl.findings);
      const both = [...kgSet].filter((x) => glSet.has(x)).length;
      log(`    findings of planted secrets (secret, commit, path, line): keyguard ${kgSet.size}, gitleaks ${glSet.size}, identical ${both}`);
      const plantedHashes = new Set(planted.map((p) => p.tokenHash));
      const otherKg = kg.findings.filter((f) => !plantedHashes.has(f.tokenHash)).length;
      const otherGl = gl.findings.filter((f) => plantedOf(f) < 0);
      const rules = new Map();
      for (const f of otherGl) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
      log(
        `    other findings in the real source lines: keyguard ${otherKg}, gitleaks ${otherGl.length} (${[...rules].map(([r, n]) => `${r}×${n}`).join(', ') || 'none'})`,
      );
    }
  }
}

log('');
log('| history | git log -p alone | keyguard scan --git | (one git process) | gitleaks git | speed-up (wall / CPU) |');
log('|---|---:|---:|---:|---:|---:|');
for (const { target, kg, one, gl, floor } of table) {
  const cell = (r) => (r ? `${fmt(r.wall)} s wall, ${fmt(r.cpu)} s CPU` : 'n/a');
  log(
    `| ${target} | ${cell(floor)} | ${cell(kg)} | ${cell(one)} | ${cell(gl)} | ${gl ? `${fmt(gl.wall / kg.wall, 1)}× / ${fmt(gl.cpu / kg.cpu, 1)}×` : 'n/a'} |`,
  );
}
