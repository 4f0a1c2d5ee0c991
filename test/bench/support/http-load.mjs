// HTTP load for the benchmarks: oha (Rust) or vegeta (Go) when one can be had, autocannon in this
// process otherwise. Both keep a constant offered rate however slow the answers and count each
// latency from when the request was due (oha with --latency-correction; vegeta adds workers
// rather than waiting), so a slow answer does not hide the ones that should have followed it —
// no coordinated omission — and run in their own processes, so their CPU is counted apart from
// the process under test. oha costs about half vegeta's CPU per request (~40 against ~80 µs
// here), which matters when generator and server share two cores. autocannon shares this
// process's single thread with the bench.
// BENCH_LOADGEN=oha|vegeta|autocannon picks one (oha and vegeta fail rather than fall back).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** The vegeta release the bench installs (through the Go module proxy) when none is on PATH. */
const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12@v12.13.0';
/** The oha release the bench installs (from crates.io, with cargo) when none is on PATH. */
const OHA_VERSION = '1.16.0';

const which = (name) => {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
};

/** This process's finished children's CPU seconds (Linux /proc: cutime + cstime, 1/100 s ticks). */
const childrenCpuSeconds = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
};

/** vegeta's path: on PATH, in Go's bin directory, or installed there now with `go install`; null if none can be had. */
function findVegeta(progress) {
  const onPath = which('vegeta');
  if (onPath) return onPath;
  const go = which('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!go) return null;
  const gopath = spawnSync(go, ['env', 'GOPATH'], { encoding: 'utf8' }).stdout.trim();
  const installed = join(gopath, 'bin', 'vegeta');
  if (existsSync(installed)) return installed;
  progress(`installing ${VEGETA_MODULE} with go install (once)`);
  const built = spawnSync(go, ['install', VEGETA_MODULE], { stdio: ['ignore', 'inherit', 'inherit'] });
  return built.status === 0 && existsSync(installed) ? installed : null;
}

/** oha's path: on PATH, in cargo's bin directory, or installed there now with `cargo install`; null if none can be had. */
function findOha(progress) {
  const onPath = which('oha');
  if (onPath) return onPath;
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
  const installed = join(cargoBin, 'oha');
  if (existsSync(installed)) return installed;
  const cargo = which('cargo') ?? (existsSync(join(cargoBin, 'cargo')) ? join(cargoBin, 'cargo') : null);
  if (!cargo) return null;
  progress(`installing oha ${OHA_VERSION} with cargo install (once, several minutes)`);
  const built = spawnSync(cargo, ['install', 'oha', '--locked', '--version', OHA_VERSION], { stdio: ['ignore', 'inherit', 'inherit'] });
  return built.status === 0 && existsSync(installed) ? installed : null;
}

/**
 * A load generator: `run({ url, requests, rate, connections, seconds })` with `requests` as
 * `{ method, path, headers, body }` (sent in turn), `rate` the offered requests/s (0: as fast as
 * `connections` allow). Answers `{ served, total, non2xx, p50Ms, p99Ms, cpuSeconds }`, `served`
 * per second; `cpuSeconds` is the generator's own CPU (for autocannon: this whole process's).
 */
export function createLoadGenerator({ progress = () => {} } = {}) {
  const wanted = process.env.BENCH_LOADGEN;
  const oha = wanted === undefined || wanted === 'oha' ? findOha(progress) : null;
  if (wanted === 'oha' && !oha) throw new Error('BENCH_LOADGEN=oha, but oha is not installed and `cargo install` could not build it');
  if (oha) return { name: `oha (own processes: ${oha})`, run: (options) => runOha(oha, options) };
  const vegeta = wanted === 'autocannon' ? null : findVegeta(progress);
  if (wanted === 'vegeta' && !vegeta) throw new Error('BENCH_LOADGEN=vegeta, but vegeta is not installed and `go install` could not build it');
  if (vegeta) {
    return {
      name: `vegeta (own process: ${vegeta})`,
      run: (options) => runVegeta(vegeta, options),
    };
  }
  return { name: 'autocannon (in the bench process)', run: runAutocannon };
}

/** Runs a child to its end (the bench keeps serving its own connections meanwhile). */
const runChild = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} exited ${code}`))));
  });

async function runVegeta(vegeta, { url, requests, rate, connections, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-bench-vegeta-'));
  try {
    const targets = requests.map((r) =>
      JSON.stringify({
        method: r.method,
        url: `${url}${r.path}`,
        header: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, [v]])),
        ...(r.body ? { body: Buffer.from(r.body).toString('base64') } : {}),
      }),
    );
    writeFileSync(join(dir, 'targets'), `${targets.join('\n')}\n`);
    const results = join(dir, 'results');
    const args = ['attack', '-format=json', `-targets=${join(dir, 'targets')}`, `-duration=${seconds}s`, '-max-body=0', `-output=${results}`];
    // At most `connections` connections (a client's pool). Flat out: a closed loop of as many
    // workers. At a rate: as many workers as it takes to send on time; one waiting for a free
    // connection counts that wait in its latency.
    args.push(`-max-connections=${connections}`, `-connections=${connections}`, `-workers=${connections}`);
    args.push(...(rate ? [`-rate=${rate}/s`] : ['-rate=0', `-max-workers=${connections}`]));
    const cpu0 = childrenCpuSeconds();
    await runChild(vegeta, args);
    const cpuSeconds = childrenCpuSeconds() - cpu0;
    const report = spawnSync(vegeta, ['report', '-type=json', results], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (report.status !== 0) throw new Error(`vegeta report exited ${report.status}: ${report.stderr}`);
    const r = JSON.parse(report.stdout);
    const ok = r.status_codes?.['200'] ?? 0;
    // `duration` is the attack's sending time; answers still arriving after it count too (`wait`).
    const elapsed = (r.duration + r.wait) / 1e9;
    return {
      served: ok / elapsed,
      total: r.requests,
      non2xx: r.requests - ok,
      p50Ms: r.latencies['50th'] / 1e6,
      p99Ms: r.latencies['99th'] / 1e6,
      cpuSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * oha sends one request: each distinct request of `requests` gets its own oha process, with an
 * equal share of the rate and the connections, side by side. `served` and `total` add up; p50
 * and p99 are the highest of the processes' (an upper bound of the whole's).
 */
async function runOha(oha, { url, requests, rate, connections, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'keyguard-bench-oha-'));
  try {
    const share = requests.length;
    const cpu0 = childrenCpuSeconds();
    const outputs = await Promise.all(
      requests.map(async (r, i) => {
        const output = join(dir, `out-${i}.json`);
        const args = ['-z', `${seconds}s`, '-c', String(Math.max(1, Math.round(connections / share))), '--no-tui', '--output-format', 'json', '-o', output];
        if (rate) args.push('-q', String(rate / share), '--latency-correction');
        args.push('-m', r.method, ...Object.entries(r.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]));
        if (r.body) args.push('-d', r.body);
        await runChild(oha, [...args, `${url}${r.path}`]);
        return JSON.parse(readFileSync(output, 'utf8'));
      }),
    );
    const cpuSeconds = childrenCpuSeconds() - cpu0;
    const count = (o) => Object.values(o.statusCodeDistribution ?? {}).reduce((a, b) => a + b, 0);
    const ok = outputs.reduce((sum, o) => sum + (o.statusCodeDistribution?.['200'] ?? 0), 0);
    const total = outputs.reduce((sum, o) => sum + count(o), 0);
    const elapsed = Math.max(...outputs.map((o) => o.summary.total));
    const worst = (p) => Math.max(...outputs.map((o) => (o.latencyPercentiles?.[p] ?? Number.NaN) * 1000));
    return { served: ok / elapsed, total, non2xx: total - ok, p50Ms: worst('p50'), p99Ms: worst('p99'), cpuSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runAutocannon({ url, requests, rate, connections, seconds }) {
  const cpu0 = process.cpuUsage();
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, requests, ...(rate ? { overallRate: rate } : {}) }, (err, r) =>
      err
        ? reject(err)
        : resolve({
            served: r.requests.average,
            total: r.requests.total,
            non2xx: r.non2xx + r.errors,
            p50Ms: r.latency.p50,
            p99Ms: r.latency.p99,
            // This whole process's CPU meanwhile (the bench's own idle work included).
            cpuSeconds: ((c) => (c.user + c.system) / 1e6)(process.cpuUsage(cpu0)),
          }),
    );
  });
}
