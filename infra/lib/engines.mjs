import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFerretDb, startFerretDb } from './ferretdb.mjs';
import { ensureKafka, startKafka } from './kafka.mjs';
import { stateDir } from './paths.mjs';
import { startSmtpSink } from './smtp.mjs';

/**
 * Where each profile runs its engines. `dev` (npm start) keeps its data between runs;
 * `test` (npm test) uses other ports, so tests can run while the dev stack is up, and
 * starts from empty every time.
 */
export const profiles = {
  dev: { kafka: 9092, controller: 9093, mongo: 27017, smtp: 1025, smtpHttp: 1080, fresh: false },
  test: { kafka: 19092, controller: 19093, mongo: 37017, smtp: 11025, smtpHttp: 11080, fresh: true },
};

/** Port variables that move the local engines, e.g. when something else already uses 9092. */
export const portVariables = {
  kafka: 'KEYGUARD_KAFKA_PORT',
  controller: 'KEYGUARD_KAFKA_CONTROLLER_PORT',
  mongo: 'KEYGUARD_MONGO_PORT',
  smtp: 'KEYGUARD_SMTP_PORT',
  smtpHttp: 'KEYGUARD_SMTP_HTTP_PORT',
};

function resolvePorts(profileName, env) {
  const profile = { ...profiles[profileName] };
  for (const [name, variable] of Object.entries(portVariables)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${variable} must be a port number (1-65535)`);
    profile[name] = port;
  }
  return profile;
}

function killStale(dir, name) {
  const pidFile = join(dir, `${name}.pid`);
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name === 'kafka' ? 'kafka.Kafka' : name)) {
      process.kill(pid, 'SIGKILL');
    }
  } catch {
    // not running any more
  }
  rmSync(pidFile, { force: true });
}

function remember(dir, name, child) {
  writeFileSync(join(dir, `${name}.pid`), String(child.pid));
}

/**
 * Starts what the environment does not already provide: Kafka unless KAFKA_BROKERS is set,
 * FerretDB unless MONGODB_URI is set, the SMTP sink unless SMTP_URL is set.
 * Returns the variables the services and tests need.
 */
export async function startEngines(profileName, { env = process.env, log = console.log } = {}) {
  const profile = resolvePorts(profileName, env);
  const dir = join(stateDir, profileName);
  // Only what this call starts is wiped (fresh profile) or cleaned up after: engines the
  // environment points at may be running from this very directory (`npm run engines`).
  const starting = { kafka: !env.KAFKA_BROKERS, 'keyguard-ferretdb': !env.MONGODB_URI, 'smtp-sink': !env.SMTP_URL };
  const dataDirs = { kafka: 'kafka', 'keyguard-ferretdb': 'ferretdb', 'smtp-sink': 'smtp' };
  if (profile.fresh) {
    for (const name of Object.keys(starting).filter((n) => starting[n])) rmSync(join(dir, dataDirs[name]), { recursive: true, force: true });
  }
  const started = {};
  const timings = {};
  const time = async (name, fn) => {
    const t0 = Date.now();
    const result = await fn();
    timings[name] = Date.now() - t0;
    return result;
  };

  // Fetch/build in parallel (first run only), then start in parallel.
  const [libs, ferret] = await Promise.all([
    env.KAFKA_BROKERS ? null : time('kafka-fetch', () => ensureKafka(log)),
    env.MONGODB_URI ? null : time('ferretdb-build', () => ensureFerretDb(log)),
  ]);
  for (const name of Object.keys(starting).filter((n) => starting[n])) killStale(dir, name);
  await Promise.all([
    libs &&
      time('kafka', async () => {
        const kafkaDir = join(dir, 'kafka');
        const child = await startKafka({ libs, dir: kafkaDir, port: profile.kafka, controllerPort: profile.controller });
        remember(dir, 'kafka', child);
        started.KAFKA_BROKERS = `127.0.0.1:${profile.kafka}`;
      }),
    ferret &&
      time('ferretdb', async () => {
        const child = await startFerretDb({ binary: ferret, dir: join(dir, 'ferretdb'), port: profile.mongo });
        remember(dir, 'keyguard-ferretdb', child);
        started.MONGODB_URI = `mongodb://127.0.0.1:${profile.mongo}/`;
      }),
    !env.SMTP_URL &&
      time('smtp-sink', async () => {
        const child = await startSmtpSink({ dir: join(dir, 'smtp'), smtpPort: profile.smtp, httpPort: profile.smtpHttp });
        remember(dir, 'smtp-sink', child);
        started.SMTP_URL = `smtp://127.0.0.1:${profile.smtp}`;
        started.SMTP_SINK_URL = `http://127.0.0.1:${profile.smtpHttp}`;
      }),
  ]);
  const resolved = {
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? started.KAFKA_BROKERS,
    MONGODB_URI: env.MONGODB_URI ?? started.MONGODB_URI,
    SMTP_URL: env.SMTP_URL ?? started.SMTP_URL,
    ...(env.SMTP_SINK_URL || started.SMTP_SINK_URL ? { SMTP_SINK_URL: env.SMTP_SINK_URL ?? started.SMTP_SINK_URL } : {}),
  };
  return { env: resolved, started, timings, dir };
}
