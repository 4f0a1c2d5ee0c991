#!/usr/bin/env node
// Scanner benchmark (issue 3): prints numbers, asserts nothing. Not part of `npm test`.
//
//   npm run build -w @keyguard/detectors -w @keyguard/cli && npm run bench:scanner
//
// Builds a >= 100 MB corpus of real source text (this repository's node_modules, then Go's
// standard library sources if more is needed) concatenated into ~1 MB files as they are,
// plants generated secrets in it, and on that same corpus measures:
//   - `keyguard scan` (the built CLI) with all rules and with ten,
//   - gitleaks v8 (`go install`ed into test/bench/.cache/bin) `gitleaks dir`,
//   - ripgrep (Debian package) with all rules' patterns, one thread: the near-limit reference,
//   - the detectors in-process (all rules vs ten), and 1 MB of adversarial input per rule.
// MB/s per core = bytes / CPU seconds (user + system) of the tool's process; wall MB/s too.
// Recall = planted secrets reported / planted secrets (only the planted ones are counted).
//
// Environment: BENCH_RUNS (default 2, best of, for gitleaks and in-process), BENCH_FAST_RUNS
// (default 5, for keyguard and ripgrep), BENCH_MB (default 100), BENCH_SKIP (comma list
// of gitleaks,gitleaks-nodecode,ripgrep,adversarial).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { ensureGitleaks as ensureGitleaksTool } from './tools.mjs';

setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(repo, 'test/bench/.cache');
const corpusDir = path.join(os.homedir(), '.cache/keyguard/scanner-corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
/** Sub-second tools (keyguard, ripgrep) are run more often: best-of damps shared-core noise. */
const FAST_RUNS = Number(process.env.BENCH_FAST_RUNS ?? 5);
const TARGET_MB = Number(process.env.BENCH_MB ?? 100);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const CORPUS_VERSION = `v4-${TARGET_MB}`;
const TEN_RULES = [
  'postman-api-key',
  'github-pat-classic',
  'github-fine-grained-pat',
  'gitlab-pat',
  'slack-bot-token',
  'stripe-secret-key',
  'aws-access-key-id',
  'google-api-key',
  'npm-access-token',
  'private-key',
];

const log = (...args) => console.log(...args);
const mb = (bytes) => bytes / 1e6;
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

// ---------------------------------------------------------------------------------------------
// prerequisites

// what `npx keyguard` runs: the bin, which loads the bundled build (dist/bundle/main.js)
const cliMain = path.join(repo, 'packages/cli/bin/keyguard.js');
const detectorsMain = path.join(repo, 'packages/detectors/dist/index.js');
if (!existsSync(path.join(repo, 'packages/cli/dist/bundle/main.js')) || !existsSync(detectorsMain)) {
  log('building @keyguard/detectors and @keyguard/cli ...');
  execFileSync('npm', ['run', 'build', '-w', '@keyguard/detectors', '-w', '@keyguard/cli'], { cwd: repo, stdio: 'inherit' });
}
const detectors = await import(detectorsMain);

const ensureGitleaks = () => ensureGitleaksTool(log);

function ensureRipgrep() {
  const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  log('installing ripgrep from Debian ...');
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', 'ripgrep'], { stdio: 'inherit' });
  const again = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  return again.status === 0 ? again.stdout.trim() : undefined;
}

function toolVersion(bin, args) {
  try {
    return execFileSync(bin, args, { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// corpus

const TEXT = /\.(?:js|mjs|cjs|ts|mts|cts|jsx|tsx|json|md|markdown|txt|yml|yaml|css|html|go|s|c|h|py|rs|toml|map)$/i;

function* textFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.git' && e.name !== '.cache') yield* textFiles(p);
    } else if (e.isFile() && TEXT.test(e.name)) yield p;
  }
}

function buildCorpus() {
  // outside the corpus directory: the tools must not scan the answer key
  const marker = `${corpusDir}.planted.json`;
  if (existsSync(marker)) {
    const meta = JSON.parse(readFileSync(marker, 'utf8'));
    if (meta.version === CORPUS_VERSION) return meta;
  }
  log(`building a ${TARGET_MB} MB corpus in ${corpusDir} ...`);
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout?.trim();
  const sources = [path.join(repo, 'node_modules'), ...(goroot ? [path.join(goroot, 'src')] : []), '/usr/lib/node_modules'];
  const target = TARGET_MB * 1e6;
  const g = detectors.createSampleGenerator(31337);
  // planted secrets: every rule's generated true positives, five seeds
  const planted = [1, 2, 3, 4, 5].flatMap((seed) => detectors.plantedSamples(detectors.createSampleGenerator(seed)));
  const pieces = [];
  let total = 0;
  let part = [];
  let partBytes = 0;
  const flush = () => {
    if (partBytes === 0) return;
    pieces.push(Buffer.concat(part));
    part = [];
    partBytes = 0;
  };
  outer: for (const src of sources) {
    for (const file of textFiles(src)) {
      let buf;
      try {
        buf = readFileSync(file);
      } catch {
        continue;
      }
      if (buf.length > 4e6 || buf.subarray(0, 8192).includes(0)) continue;
      part.push(buf, Buffer.from('\n'));
      partBytes += buf.length + 1;
      total += buf.length + 1;
      if (partBytes >= 1e6) flush();
      if (total >= target) break outer;
    }
  }
  flush();
  // spread the planted snippets over the parts, each at a line boundary
  const perPart = pieces.map(() => []);
  for (const [i, p] of planted.entries()) perPart[(i * 7919) % pieces.length].push(p);
  const files = [];
  let bytes = 0;
  pieces.forEach((piece, i) => {
    let text = piece.toString('latin1');
    for (const p of perPart[i]) {
      let at = g.int(0, text.length);
      const nl = text.indexOf('\n', at);
      at = nl === -1 ? text.length : nl + 1;
      text = `${text.slice(0, at)}${p.text}\n${text.slice(at)}`;
    }
    const name = `part-${String(i).padStart(4, '0')}.txt`;
    const out = Buffer.from(text, 'latin1');
    writeFileSync(path.join(corpusDir, name), out);
    files.push(name);
    bytes += out.length;
  });
  const meta = {
    version: CORPUS_VERSION,
    sources,
    files: files.length,
    bytes,
    planted: planted.map((p) => ({ ruleId: p.ruleId, secrets: p.secrets })),
  };
  writeFileSync(marker, JSON.stringify(meta));
  return meta;
}

// ---------------------------------------------------------------------------------------------
// measurement helpers

/** CPU seconds (user + system) of waited-for children, from /proc/self/stat. */
function childCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return ticks / 100;
}

/** CPU seconds (user + system) this process spends in fn: robust to other work on shared cores. */
function cpuSeconds(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function timed(bin, args, options = {}) {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync(bin, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...options });
  const wall = (performance.now() - t0) / 1000;
  const cpu = childCpuSeconds() - cpu0;
  if (r.error) throw r.error;
  return { wall, cpu, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function best(runs) {
  return runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
}

function recallOf(meta, found, only) {
  const secrets = meta.planted.filter((p) => !only || only.includes(p.ruleId)).flatMap((p) => p.secrets.slice(0, only ? 1 : undefined));
  const hit = secrets.filter((s) => found(s)).length;
  return { hit, total: secrets.length, recall: hit / secrets.length };
}

function perRuleMisses(meta, found, only) {
  const misses = new Map();
  for (const p of meta.planted) {
    if (only && !only.includes(p.ruleId)) continue;
    if (!found(p.secrets[0])) misses.set(p.ruleId, (misses.get(p.ruleId) ?? 0) + 1);
  }
  return [...misses].map(([id, n]) => `${id}×${n}`).join(', ') || 'none';
}

// ---------------------------------------------------------------------------------------------
// tools

/** `only`: rule ids the run has (recall is then over their planted secrets only). */
function runKeyguard(meta, configPath, only, extra = []) {
  const args = [cliMain, 'scan', corpusDir, '--format', 'json', ...(configPath ? ['--config', configPath] : []), ...extra];
  const runs = [];
  for (let i = 0; i < FAST_RUNS; i++) runs.push(timed(process.execPath, args));
  const r = best(runs);
  const report = JSON.parse(r.stdout);
  const hashes = new Set(report.findings.map((f) => f.tokenHash));
  const found = (s) => hashes.has(detectors.hashToken(s));
  return { ...r, findings: report.findings.length, ...recallOf(meta, found, only), misses: perRuleMisses(meta, found, only) };
}

function runGitleaks(meta, bin, extra = [], runsWanted = RUNS) {
  const reportPath = path.join(cacheDir, 'gitleaks-report.json');
  const args = ['dir', corpusDir, '--no-banner', '--log-level', 'error', '--exit-code', '0', '--report-format', 'json', '--report-path', reportPath, ...extra];
  const runs = [];
  for (let i = 0; i < runsWanted; i++) runs.push(timed(bin, args));
  const r = best(runs);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  rmSync(reportPath); // it holds the planted (fake) secrets in clear: keep none in the checkout
  const secrets = report.map((f) => f.Secret ?? '');
  const set = new Set(secrets);
  const found = (s) => set.has(s) || secrets.some((x) => x.length >= 16 && (s.includes(x) || x.includes(s)));
  return { ...r, findings: report.length, ...recallOf(meta, found), misses: perRuleMisses(meta, found) };
}

/**
 * Rules' patterns for ripgrep's Rust engine: lookarounds dropped, named groups made plain (rg
 * joins all patterns into one regex), and the PEM rule reduced to its BEGIN line because rg
 * matches line by line (`-U` multiline mode would be a different, slower engine setting).
 */
function ripgrepPatterns(rules) {
  return rules.map((r) => {
    if (r.id === 'private-key') return '-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY( BLOCK)?-----';
    let s = r.pattern.source;
    s = s.replace(/\(\?<?[=!](?:[^()[\]]|\[(?:\\.|[^\]\\])*\])*\)/g, '');
    s = s.replace(/\(\?<([A-Za-z]\w*)>/g, '(?:').replace(/\\\//g, '/');
    return r.pattern.flags.includes('i') ? `(?i)${s}` : s;
  });
}

function runRipgrep(meta, bin) {
  const patternsPath = path.join(cacheDir, 'rg-patterns.txt');
  writeFileSync(patternsPath, `${ripgrepPatterns(detectors.defaultRules).join('\n')}\n`);
  const args = ['-j1', '--no-ignore', '--hidden', '--no-filename', '--no-line-number', '--only-matching', '-f', patternsPath, corpusDir];
  const runs = [];
  for (let i = 0; i < FAST_RUNS; i++) runs.push(timed(bin, args));
  const r = best(runs);
  if (r.status === 2) log(`ripgrep failed: ${r.stderr.slice(-400)}`);
  const matches = r.stdout.split('\n').filter(Boolean);
  const all = matches.join('\n');
  const found = (s) => (s.includes('\n') ? all.includes(s.split('\n')[0]) : all.includes(s));
  return { ...r, findings: matches.length, ...recallOf(meta, found), misses: perRuleMisses(meta, found) };
}

function inProcess(_meta, rules) {
  const buffers = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(corpusDir, f)));
  const bytes = buffers.reduce((n, b) => n + b.length, 0);
  const scanner = detectors.createScanner({ rules });
  let bestS = Infinity;
  let first = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const cpu = cpuSeconds(() => {
      for (const b of buffers) scanner.scan(b);
    });
    if (i === 0) first = cpu;
    bestS = Math.min(bestS, cpu);
  }
  return { bytes, seconds: bestS, mbps: mb(bytes) / bestS, firstPassMbps: mb(bytes) / first };
}

function adversarial() {
  const rows = [];
  for (const rule of detectors.defaultRules) {
    const input = Buffer.from(detectors.adversarialInput(rule, detectors.createSampleGenerator(3)), 'latin1');
    const scanner = detectors.createScanner({ rules: [rule] });
    let bestS = Infinity;
    for (let i = 0; i < 3; i++) bestS = Math.min(bestS, cpuSeconds(() => scanner.scan(input)));
    rows.push({ id: rule.id, mbps: mb(input.length) / bestS });
  }
  return rows.sort((a, b) => a.mbps - b.mbps);
}

// ---------------------------------------------------------------------------------------------

const meta = buildCorpus();
const corpusBytes = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .reduce((n, f) => n + statSync(path.join(corpusDir, f)).size, 0);
const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
log('');
log(`machine: ${os.cpus().length} x ${cpuModel}, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
log(`corpus: ${fmt(mb(corpusBytes), 1)} MB in ${meta.files} files (${meta.sources.join(', ')}), ${meta.planted.length} planted snippets / ${meta.planted.flatMap((p) => p.secrets).length} secrets, ${detectors.defaultRules.length} rules; best of ${FAST_RUNS} (keyguard, ripgrep) / ${RUNS} (gitleaks, in-process)`);

const tenConfig = path.join(cacheDir, 'ten-rules.toml');
mkdirSync(cacheDir, { recursive: true });
writeFileSync(
  tenConfig,
  `[extend]\ndisabledRules = [${detectors.defaultRules
    .map((r) => r.id)
    .filter((id) => !TEN_RULES.includes(id))
    .map((id) => `"${id}"`)
    .join(', ')}]\n`,
);

const results = {};
const row = (name, r) => {
  results[name] = r;
  log(
    `${name.padEnd(26)} ${fmt(mb(corpusBytes) / r.cpu).padStart(6)} MB/s per core  ${fmt(mb(corpusBytes) / r.wall).padStart(6)} MB/s wall  ` +
      `cpu ${fmt(r.cpu, 2)} s  wall ${fmt(r.wall, 2)} s  recall ${fmt(r.recall, 4)} (${r.hit}/${r.total})  findings ${r.findings}  missed: ${r.misses}`,
  );
};

const startup = best(Array.from({ length: 3 }, () => timed(process.execPath, [cliMain, '--version'])));
log(`keyguard process start-up (node + modules, \`keyguard --version\`): ${fmt(startup.cpu, 2)} s CPU`);
log('');
row('keyguard scan (all rules)', runKeyguard(meta));
row('keyguard scan (ten rules)', runKeyguard(meta, tenConfig, TEN_RULES));
row('keyguard scan --threads 2', runKeyguard(meta, undefined, undefined, ['--threads', '2']));
if (!SKIP.has('gitleaks')) {
  const bin = ensureGitleaks();
  if (bin) {
    const version = spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' }).stdout?.match(/\tmod\t\S+\t(\S+)/)?.[1];
    log(`gitleaks ${version ?? toolVersion(bin, ['version'])}`);
    row('gitleaks dir', runGitleaks(meta, bin));
    // its default decodes base64/hex/percent-encoded text up to 5 levels deep; without that:
    if (!SKIP.has('gitleaks-nodecode')) row('gitleaks dir, no decoding', runGitleaks(meta, bin, ['--max-decode-depth', '0'], 1));
  } else log('gitleaks: not available (go install failed)');
}
if (!SKIP.has('ripgrep')) {
  const bin = ensureRipgrep();
  if (bin) {
    log(toolVersion(bin, ['--version']));
    row('ripgrep -j1 (all patterns)', runRipgrep(meta, bin));
  } else log('ripgrep: not available');
}

log('');
const all = inProcess(meta, detectors.defaultRules);
const ten = inProcess(meta, detectors.defaultRules.filter((r) => TEN_RULES.includes(r.id)));
log(
  `in-process detectors, one core (CPU time): all ${detectors.defaultRules.length} rules ${fmt(all.mbps)} MB/s ` +
    `(first, cold pass ${fmt(all.firstPassMbps)}), ten rules ${fmt(ten.mbps)} MB/s (first pass ${fmt(ten.firstPassMbps)}); ` +
    `ratio all/ten ${fmt(all.mbps / ten.mbps, 2)}`,
);

if (!SKIP.has('adversarial')) {
  const adv = adversarial();
  log(
    `adversarial 1 MB per rule, worst: ${adv
      .slice(0, 3)
      .map((r) => `${r.id} ${fmt(r.mbps, 1)} MB/s`)
      .join(', ')}; median ${fmt(adv[Math.floor(adv.length / 2)].mbps, 1)} MB/s`,
  );
}

const kg = results['keyguard scan (all rules)'];
const gl = results['gitleaks dir'];
log('');
log('targets:');
log(
  `  >= 300 MB/s on one core, all rules: CLI ${fmt(mb(corpusBytes) / kg.cpu)} MB/s per core end to end, ` +
    `${fmt(mb(corpusBytes) / (kg.cpu - startup.cpu))} MB/s without the ${fmt(startup.cpu, 2)} s start-up; ` +
    `in-process ${fmt(all.mbps)} MB/s (cold first pass ${fmt(all.firstPassMbps)})`,
);
if (gl) log(`  >= 3x gitleaks per core: ${fmt(gl.cpu / kg.cpu, 1)}x; recall keyguard ${fmt(kg.recall, 4)} vs gitleaks ${fmt(gl.recall, 4)}`);
log(`  all rules >= half of ten rules: CLI ${fmt(results['keyguard scan (ten rules)'].cpu / kg.cpu, 2)}, in-process ${fmt(all.mbps / ten.mbps, 2)}`);
