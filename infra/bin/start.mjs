#!/usr/bin/env node
/**
 * `npm start`: the whole pipeline on this machine. Installs what is missing, starts Kafka,
 * FerretDB and the SMTP sink unless KAFKA_BROKERS / MONGODB_URI / SMTP_URL are set, builds,
 * starts every service, prints where everything is, and stops it all on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import { ensureNodeModules } from '../lib/deps.mjs';
import { startEngines } from '../lib/engines.mjs';
import { describeSecrets, generators, loadLocalEnv, localEnvFile, withoutPassword } from '../lib/local-env.mjs';
import { root } from '../lib/paths.mjs';
import { run, stopAll } from '../lib/process.mjs';
import { discoverServices, envFor } from '../lib/services.mjs';

const log = (message) => console.log(`[keyguard] ${message}`);
const t0 = Date.now();
const services = [];
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await stopAll();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function healthy(port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy answer on port ${port} within ${timeoutMs / 1000}s`);
}

async function main() {
  await ensureNodeModules(log);
  const secrets = loadLocalEnv();
  const engines = await startEngines('dev', { log });
  log(`engines ready (${Object.keys(engines.started).length ? Object.entries(engines.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(', ') : 'using KAFKA_BROKERS / MONGODB_URI / SMTP_URL'})`);

  log('building…');
  await run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, env: { TURBO_TELEMETRY_DISABLED: '1' } });

  const env = { ...process.env, ...secrets.values, ...engines.env };
  const all = discoverServices();
  const unclaimed = Object.keys(generators).filter((name) => !all.some((s) => s.secrets.includes(name)));
  if (unclaimed.length > 0) log(`warning: no service lists ${unclaimed.join(', ')} in package.json keyguard.secrets, so none receives it`);
  for (const service of all) {
    const child = spawn(process.execPath, ['--enable-source-maps', service.main], {
      cwd: service.dir,
      // Only its own secrets (package.json keyguard.secrets), its port and its metrics port.
      env: envFor(service, env, all, Object.keys(generators)),
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`${service.name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void stop(1);
    });
    services.push({ ...service, child });
  }
  await Promise.all(services.map((s) => healthy(s.port)));


  const url = (port, path = '') => `http://127.0.0.1:${port}${path}`;
  const portOf = (name) => services.find((s) => s.name === name)?.port;
  const lines = [
    '',
    `Keyguard is running (ready in ${((Date.now() - t0) / 1000).toFixed(1)}s). Ctrl-C stops everything.`,
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
    ...describeSecrets(secrets, relative(process.cwd(), localEnvFile) || localEnvFile),
  ];
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(`[keyguard] ${error.message}`);
  void stop(1);
});
