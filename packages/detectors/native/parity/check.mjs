#!/usr/bin/env node
// Runs the native engine over the parity vectors (vectors.mjs) and prints where it differs
// from the JavaScript engine: the first differences per rule, and how many there are.
//
//   node packages/detectors/native/parity/check.mjs DIR [--bin PATH] [--per-rule N]
//
// The native side is `keyguard-scan --engine-dump FILE...` (hidden; main.rs), which prints
// `{ file: { findings, stats } }` in expected.json's shape. Exit code 1 when anything differs.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const NATIVE_BIN = path.join(here, '../target/release/keyguard-scan');

/** Files per `--engine-dump` call: well under the kernel's argument limit. */
const BATCH = 400;

/** The native engine's results for `files` (absolute paths), keyed as given. */
export function nativeResults(bin, files) {
  const out = {};
  for (let i = 0; i < files.length; i += BATCH) {
    const r = spawnSync(bin, ['--engine-dump', ...files.slice(i, i + BATCH)], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${bin} --engine-dump exited with ${r.status ?? r.signal}: ${r.stderr.slice(-2000)}`);
    Object.assign(out, JSON.parse(r.stdout));
  }
  return out;
}

/** The file's rule for the vectors under rules/<id>/, else its top folder (edge, planted…). */
const groupOf = (name) => (name.startsWith('rules/') ? name.split('/')[1] : path.isAbsolute(name) ? 'corpus' : name.split('/')[0]);
const key = (f) => JSON.stringify(f);

/**
 * Compares the native results with expected.json in `dir`. Returns every difference as
 * `{ group, file, what }`, `group` being the rule a finding belongs to (or the file's group
 * for stats and order).
 */
export function compare(dir, bin = NATIVE_BIN) {
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  const names = Object.keys(expected);
  const absolute = names.map((n) => path.resolve(dir, n));
  const native = nativeResults(bin, absolute);
  const diffs = [];
  names.forEach((name, i) => {
    const want = expected[name];
    const got = native[absolute[i]];
    if (!got) {
      diffs.push({ group: groupOf(name), file: name, what: 'no native result' });
      return;
    }
    const missing = new Map(want.findings.map((f) => [key(f), f]));
    const extra = [];
    for (const f of got.findings) if (!missing.delete(key(f))) extra.push(f);
    for (const f of missing.values()) diffs.push({ group: f.ruleId, file: name, what: `only JavaScript: ${key(f)}` });
    for (const f of extra) diffs.push({ group: f.ruleId, file: name, what: `only native:     ${key(f)}` });
    if (missing.size === 0 && extra.length === 0 && key(want.findings) !== key(got.findings)) {
      diffs.push({ group: groupOf(name), file: name, what: `same findings, other order: ${got.findings.map((f) => f.offset).join(',')}` });
    }
    if (key(want.stats) !== key(got.stats))
      diffs.push({ group: groupOf(name), file: name, what: `stats: JavaScript ${key(want.stats)}\n          native     ${key(got.stats)}` });
  });
  return { files: names.length, diffs };
}

/** One paragraph per group: its first `perGroup` differences. */
export function report({ files, diffs }, perGroup = 3) {
  const groups = new Map();
  for (const d of diffs) groups.set(d.group, [...(groups.get(d.group) ?? []), d]);
  const lines = [];
  for (const [group, list] of groups) {
    lines.push(`${group}: ${list.length} difference${list.length === 1 ? '' : 's'}`);
    for (const d of list.slice(0, perGroup)) lines.push(`  ${d.file}: ${d.what}`);
  }
  const touched = new Set(diffs.map((d) => d.file)).size;
  lines.push(`${diffs.length} differences in ${touched} of ${files} files, ${groups.size} rules/groups`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let bin = NATIVE_BIN;
  let perGroup = 3;
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--bin') bin = path.resolve(args[++i]);
    else if (args[i] === '--per-rule') perGroup = Number(args[++i]);
    else positional.push(args[i]);
  }
  const dir = path.resolve(positional[0] ?? path.join(here, '../target/parity'));
  const result = compare(dir, bin);
  console.log(report(result, perGroup));
  process.exitCode = result.diffs.length === 0 ? 0 : 1;
}
