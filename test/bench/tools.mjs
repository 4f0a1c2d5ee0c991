// What the benchmarks share: the peer tools they install, and CPU/wall measurement of a child process.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.join(repo, 'test/bench/.cache');

/** gitleaks v8 from the Go module proxy (`go install`), cached in test/bench/.cache/bin. */
export function ensureGitleaks(log = console.log) {
  const bin = path.join(cacheDir, 'bin/gitleaks');
  if (existsSync(bin)) return bin;
  log('installing gitleaks v8 with go install (cached in test/bench/.cache/bin) ...');
  mkdirSync(path.dirname(bin), { recursive: true });
  const r = spawnSync('go', ['install', 'github.com/zricethezav/gitleaks/v8@latest'], {
    env: { ...process.env, GOBIN: path.dirname(bin) },
    stdio: 'inherit',
  });
  return r.status === 0 && existsSync(bin) ? bin : undefined;
}

/** The module version `go install` built (e.g. v8.30.1). */
export function goModuleVersion(bin) {
  return spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' }).stdout?.match(/\tmod\t\S+\t(\S+)/)?.[1];
}

/** CPU seconds (user + system) of waited-for children (and theirs, e.g. git), from /proc/self/stat. */
export function childCpuSeconds() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Runs a command to completion: wall seconds, CPU seconds (with its children), output. */
export function timed(bin, args, options = {}) {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync(bin, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...options });
  const wall = (performance.now() - t0) / 1000;
  const cpu = childCpuSeconds() - cpu0;
  if (r.error) throw r.error;
  return { wall, cpu, stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

/** The run with the least CPU: the least disturbed by other work on shared cores. */
export const best = (runs) => runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
