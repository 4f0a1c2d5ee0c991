// HTTP load for the benchmarks: vegeta (Go) when it can be had, autocannon in this process
// otherwise. vegeta keeps a constant offered rate however slow the answers (an open model: it
// adds workers rather than waiting, so a slow answer does not hide the ones that should have
// followed it — no coordinated omission) and runs in its own process, so its CPU is counted apart
// from the process under test; autocannon shares this process's single thread with the bench.
// BENCH_LOADGEN=autocannon forces autocannon; BENCH_LOADGEN=vegeta fails rather than fall back.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** The vegeta release the bench installs (through the Go module proxy) when none is on PATH. */
const VEGETA_MODULE = 'github.com/tsenart/vegeta/v12@v12.13.0';

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

/**
 * A load generator: `run({ url, requests, rate, connections, seconds })` with `requests` as
 * `{ method, path, headers, body }` (sent in turn), `rate` the offered requests/s (0: as fast as
 * `connections` allow). Answers `{ served, total, non2xx, p50Ms, p99Ms, cpuSeconds }`, `served`
 * per second; `cpuSeconds` is the generator's own CPU (for autocannon: this whole process's).
 */
export function createLoadGenerator({ progress = () => {} } = {}) {
  const wanted = process.env.BENCH_LOADGEN ?? 'vegeta';
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
