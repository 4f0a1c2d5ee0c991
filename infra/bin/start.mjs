#!/usr/bin/env node
/**
 * `npm start`: the whole pipeline on this machine. Installs what is missing, starts Kafka,
 * FerretDB and the SMTP sink unless KAFKA_BROKERS / MONGODB_URI / SMTP_URL are set, builds,
 * starts every service, and prints "running" once every service is ready (its /readyz: Kafka
 * and MongoDB answer, its consumers hold their partitions). It supervises: a service or engine
 * that exits is restarted with backoff, with one line saying so. Ctrl-C stops the services
 * first (they finish their batch and leave their consumer groups), then the engines.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from '../lib/deps.mjs';
import { ensureBuilt } from '../lib/build-state.mjs';
import { ensureBundled } from '../lib/bundle.mjs';
import { plannedEngineEnv, startEngines } from '../lib/engines.mjs';
import { describeSecrets, generators, loadLocalEnv, localEnvFile, withoutPassword } from '../lib/local-env.mjs';
import { stateDir } from '../lib/paths.mjs';
import { stopAll } from '../lib/process.mjs';
import { pipeServiceOutput } from '../lib/service-output.mjs';
import { discoverServices, envFor } from '../lib/services.mjs';
import { supervise } from '../lib/supervisor.mjs';

const runBundle = fileURLToPath(new URL('../lib/run-bundle.cjs', import.meta.url));
/** KEYGUARD_BUNDLE=false runs each service's dist/main.js as it is (to compare, or to debug). */
const bundled = process.env.KEYGUARD_BUNDLE !== 'false';
/** KEYGUARD_START_PROFILE=<dir>: each service writes a CPU profile of its start-up there (infra/lib/start-profile.mjs). */
const profiling = process.env.KEYGUARD_START_PROFILE ? ['--import', fileURLToPath(new URL('../lib/start-profile.mjs', import.meta.url))] : [];
const serviceArgs = (service) => [...profiling, ...service.nodeFlags, ...(bundled ? [runBundle, service.bundle] : ['--enable-source-maps', service.main])];
const log = (message) => console.log(`[keyguard] ${message}`);
const t0 = Date.now();
/** How long every service gets to become ready at start. */
const startTimeoutMs = Number(process.env.KEYGUARD_START_TIMEOUT_MS ?? 90_000);
const devDir = join(stateDir, 'dev');
const logsDir = join(devDir, 'logs');
const since = (t) => `${((Date.now() - t) / 1000).toFixed(1)}s`;
/** starting → running → stopping: what the terminal shows of the services' own logs depends on it. */
let phase = 'starting';
let engines;
const services = [];

async function stop(code) {
  if (phase === 'stopping') return;
  phase = 'stopping';
  log('stopping: services first (they finish their batch and leave their consumer groups), then the engines…');
  const t = Date.now();
  await Promise.all(services.map((s) => s.supervisor.stop()));
  await Promise.all((engines?.supervisors ?? []).map((s) => s.stop()));
  await stopAll();
  log(`stopped in ${since(t)}`);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (phase !== 'stopping') return void stop(0);
    log('stopping at once');
    for (const s of services) s.supervisor.child?.kill('SIGKILL');
    process.exit(1);
  });
}

/**
 * The services' warnings reach the terminal only while the stack is running and every engine
 * is up: while an engine restarts, its own line says why Kafka or MongoDB calls fail.
 */
const showServiceWarnings = () => phase === 'running' && (engines?.supervisors ?? []).every((s) => s.up !== false);

/** A service killed with us (kill -9 of `npm start`) keeps its port: stop it before starting a new one. */
function killStaleService(service) {
  const pidFile = join(devDir, 'services', `${service.name}.pid`);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(serviceArgs(service).at(-1))) process.kill(pid, 'SIGKILL');
  } catch {
    // not running any more
  }
}

/** Polls /readyz (on the operations port) until it answers 200; rejects if the process exits first. Keeps the last answer for messages. */
function waitReady(service, child) {
  return new Promise((resolve, reject) => {
    let done = false;
    const exited = () => {
      done = true;
      reject(new Error('exited'));
    };
    child.once('exit', exited);
    const poll = async () => {
      if (done) return;
      try {
        const res = await fetch(`http://127.0.0.1:${service.metricsPort}/readyz`, { signal: AbortSignal.timeout(3000) });
        service.lastReadiness = await res.json().catch(() => null);
        if (res.ok) {
          done = true;
          child.off('exit', exited);
          return resolve();
        }
      } catch {
        // not listening yet
      }
      // Every 200 ms: each poll costs npm start a fetch and the service an answer; at 100 ms
      // (80 polls a second for 8 services) npm start itself used 1.6 CPU-s up to "running".
      setTimeout(poll, 200);
    };
    void poll();
  });
}

/** What is not ready, from a /readyz answer: "consumer (joining)", "mongodb". */
function notReadyParts(readiness) {
  if (!readiness?.checks) return 'not answering';
  return Object.entries(readiness.checks)
    .filter(([, r]) => !(typeof r === 'boolean' ? r : r?.ready))
    .map(([name, r]) => (typeof r === 'object' && r?.state ? `${name} (${r.state})` : name))
    .join(', ');
}

/**
 * Services started while the engines boot run at a lower CPU priority until the engines are
 * ready: Kafka's start-up is the longest path, and on a busy machine eight Node processes
 * loading their code at once would otherwise take the broker's CPU (measured: its port opened
 * at 12–14 s instead of 3–5 s). Restoring the priority needs the privilege to raise it
 * (root); without it those processes stay a little nicer, which a dev stack can afford.
 */
const yielded = new Set();
let enginesUp = false;
function yieldToEngines(child) {
  if (enginesUp) return;
  try {
    const base = os.getPriority(child.pid);
    os.setPriority(child.pid, Math.min(19, base + 10));
    yielded.add({ pid: child.pid, base });
  } catch {
    // exited already, or not allowed: it competes as usual
  }
}
function restorePriorities() {
  enginesUp = true;
  for (const { pid, base } of yielded) {
    try {
      os.setPriority(pid, base);
    } catch {
      // exited, or not allowed (not root)
    }
  }
  yielded.clear();
}

function superviseService(service, env, all) {
  killStaleService(service);
  const supervisor = supervise({
    name: service.name,
    log,
    // 78 = a setting is missing or malformed: the line above names it; restarting cannot fix it.
    fatal: (code) => code === 78,
    onFatal: (error) => {
      log(error.message);
      void stop(1);
    },
    start: async () => {
      // The bundle, with a V8 code cache and source-mapped stack traces (infra/lib/run-bundle.cjs).
      const child = spawn(process.execPath, serviceArgs(service), {
        cwd: service.dir,
        // Only its own secrets (package.json keyguard.secrets), its port and its metrics port.
        env: envFor(service, env, all, Object.keys(generators)),
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: Ctrl-C reaches only npm start, which stops things in order.
        detached: true,
      });
      yieldToEngines(child);
      mkdirSync(join(devDir, 'services'), { recursive: true });
      writeFileSync(join(devDir, 'services', `${service.name}.pid`), String(child.pid));
      pipeServiceOutput(service.name, child, { file: join(logsDir, `${service.name}.log`), echo: showServiceWarnings });
      return child;
    },
    whenReady: (child) => waitReady(service, child),
  });
  supervisor.ready.then(
    () => {
      service.readyOnce = true;
      service.readyAt = Date.now();
    },
    () => {},
  );
  return Object.assign(service, { supervisor });
}

/**
 * Once running, says when a service stops being ready and when it is again (a database
 * that went away, a consumer that lost its group), after two failed polls in a row.
 */
function watchReadiness() {
  const state = new Map();
  const timer = setInterval(async () => {
    if (phase !== 'running') return;
    for (const service of services) {
      if (!service.supervisor.up) continue; // being restarted: the supervisor's lines say so
      let ok = false;
      let readiness = null;
      try {
        const res = await fetch(`http://127.0.0.1:${service.metricsPort}/readyz`, { signal: AbortSignal.timeout(3000) });
        readiness = await res.json().catch(() => null);
        ok = res.ok;
      } catch {
        // restarting, or too busy to answer: counted as not ready
      }
      const s = state.get(service.name) ?? { failures: 0, reported: false };
      if (ok) {
        if (s.reported) log(`${service.name} is ready again`);
        state.set(service.name, { failures: 0, reported: false });
        continue;
      }
      s.failures += 1;
      if (s.failures === 2 && !s.reported && phase === 'running') {
        s.reported = true;
        log(`${service.name} is not ready: ${notReadyParts(readiness)}`);
      }
      state.set(service.name, s);
    }
  }, 2000);
  timer.unref();
}

/** "kafka 3.1s, ferretdb 0.2s, smtp-sink 0.4s", or where the engines come from. */
function describeEngines(started) {
  if (Object.keys(started.started).length === 0) return 'using KAFKA_BROKERS / MONGODB_URI / SMTP_URL';
  return Object.entries(started.timings)
    .filter(([k, v]) => !(k.endsWith('-fetch') || k.endsWith('-build')) || v >= 100)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
    .join(', ');
}

async function main() {
  await ensureNodeModules(log);
  const secrets = loadLocalEnv();
  const all = discoverServices();
  // Everything that does not depend on the rest starts at once: the engines (Kafka's JVM is the
  // longest part) and, as soon as the build is known to be current, the services, which load
  // their code while the broker boots and connect when it answers (their clients retry).
  const enginesStarting = startEngines('dev', { log, supervised: true }).then((started) => {
    engines = started;
    restorePriorities();
    log(`engines ready (${describeEngines(started)}, ${since(t0)} after start)`);
    return started;
  });
  enginesStarting.catch(() => {});
  const buildSummary = bundled ? `${await ensureBuilt()}, ${await ensureBundled(all)}` : await ensureBuilt();
  // KEYGUARD_START_ORDER=sequential: the services only once the engines are up (to compare).
  if (process.env.KEYGUARD_START_ORDER === 'sequential') await enginesStarting;
  log(`${buildSummary}; starting the services alongside the engines (their logs: ${relative(process.cwd(), logsDir) || logsDir}/)…`);

  const planned = plannedEngineEnv('dev');
  // Our own broker allows short sessions (infra/kafka/server.properties): a member killed with -9 stalls its partitions 3 s, not 6.
  const sessions = process.env.KAFKA_BROKERS || process.env.KAFKA_SESSION_TIMEOUT_MS ? {} : { KAFKA_SESSION_TIMEOUT_MS: '3000' };
  const env = { ...process.env, ...secrets.values, ...planned, ...sessions };
  const unclaimed = Object.keys(generators).filter((name) => !all.some((s) => s.secrets.includes(name)));
  if (unclaimed.length > 0) log(`warning: no service lists ${unclaimed.join(', ')} in package.json keyguard.secrets, so none receives it`);
  for (const service of all) services.push(superviseService(service, env, all));
  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const waiting = services.filter((s) => !s.readyOnce).map((s) => `${s.name}: ${notReadyParts(s.lastReadiness)}`);
      reject(
        new Error(
          `not every service was ready within ${startTimeoutMs / 1000}s — ${waiting.join('; ')}. See ${relative(process.cwd(), logsDir)}/<service>.log`,
        ),
      );
    }, startTimeoutMs);
  });
  await Promise.race([Promise.all([enginesStarting, ...services.map((s) => s.supervisor.ready)]), timedOut]);
  clearTimeout(timer);
  const byReadiness = [...services].sort((a, b) => a.readyAt - b.readyAt);
  log(
    `start-up: ${buildSummary} · engines in parallel: ${describeEngines(engines)} · services ready (since start): ${byReadiness
      .map((s) => `${s.name} ${((s.readyAt - t0) / 1000).toFixed(1)}s`)
      .join(', ')}`,
  );
  phase = 'running';
  watchReadiness();

  const url = (port, path = '') => `http://127.0.0.1:${port}${path}`;
  const portOf = (name) => services.find((s) => s.name === name)?.port;
  const lines = [
    '',
    `Keyguard is running (ready in ${since(t0)}: every service's /readyz passes). Ctrl-C stops everything.`,
    '',
    `  Dashboard + keys API    ${url(portOf('keys-api'), '/')}   (API under /api/v1)`,
    `  GitHub push webhooks    ${url(portOf('github-ingest'), '/webhooks/github')}`,
    `  GitHub partner alerts   ${url(portOf('github-ingest'), '/secret-scanning/github')}`,
    `  GitLab push webhooks    ${url(portOf('gitlab-ingest'), '/webhooks/gitlab')}`,
    `  GitLab partner alerts   ${url(portOf('gitlab-ingest'), '/secret-detection/gitlab')}`,
    `  Postman events          ${url(portOf('postman-ingest'), '/webhooks/postman')}`,
    `  Sample API (X-Api-Key)  ${url(portOf('sample-api'), '/v1/me')}   (verifies keys in-process with @keyguard/verify)`,
    ...services.map((s) => `  ${s.name.padEnd(22)}  ${url(s.port, '/healthz')}   metrics: ${url(s.metricsPort, '/metrics')}  /readyz`),
    '',
    `  Kafka                   ${engines.env.KAFKA_BROKERS}`,
    `  MongoDB (FerretDB)      ${withoutPassword(engines.env.MONGODB_URI)}`,
    `  Mail received           ${withoutPassword(engines.env.SMTP_SINK_URL ?? engines.env.SMTP_URL)}${engines.started.SMTP_URL ? ` (SMTP ${engines.env.SMTP_URL})` : ''}`,
    '',
    `  Service logs: ${relative(process.cwd(), logsDir)}/<service>.log (warnings and errors also show here)`,
    ...describeSecrets(secrets, relative(process.cwd(), localEnvFile) || localEnvFile),
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(`[keyguard] ${error.message}`);
  void stop(1);
});
