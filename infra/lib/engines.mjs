import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFerretDb, startFerretDb } from './ferretdb.mjs';
import { ensureKafka, startKafka } from './kafka.mjs';
import { findPostgres, startPostgres } from './postgres.mjs';
import { stateDir } from './paths.mjs';
import { startSmtpSink } from './smtp.mjs';
import { supervise } from './supervisor.mjs';

/**
 * Where each profile runs its engines. `dev` (npm start) keeps its data between runs;
 * `test` (npm test) uses other ports, so tests can run while the dev stack is up, and
 * starts from empty every time.
 */
export const profiles = {
  dev: { kafka: 9092, controller: 9093, mongo: 27017, smtp: 1025, smtpHttp: 1080, postgres: 25432, mongoPg: 27018, fresh: false },
  test: { kafka: 19092, controller: 19093, mongo: 37017, smtp: 11025, smtpHttp: 11080, postgres: 35432, mongoPg: 37018, fresh: true },
};

/** Port variables that move the local engines, e.g. when something else already uses 9092. */
export const portVariables = {
  kafka: 'KEYGUARD_KAFKA_PORT',
  controller: 'KEYGUARD_KAFKA_CONTROLLER_PORT',
  mongo: 'KEYGUARD_MONGO_PORT',
  smtp: 'KEYGUARD_SMTP_PORT',
  smtpHttp: 'KEYGUARD_SMTP_HTTP_PORT',
  postgres: 'KEYGUARD_POSTGRES_PORT',
  mongoPg: 'KEYGUARD_MONGO_PG_PORT',
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
 * The variables `startEngines(profileName)` will return, known before the engines run (their
 * ports are fixed): `npm start` hands them to the services it starts alongside the engines.
 */
export function plannedEngineEnv(profileName, env = process.env) {
  const profile = resolvePorts(profileName, env);
  return {
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? `127.0.0.1:${profile.kafka}`,
    MONGODB_URI: env.MONGODB_URI ?? `mongodb://127.0.0.1:${profile.mongo}/`,
    SMTP_URL: env.SMTP_URL ?? `smtp://127.0.0.1:${profile.smtp}`,
    ...(env.SMTP_SINK_URL || !env.SMTP_URL ? { SMTP_SINK_URL: env.SMTP_SINK_URL ?? `http://127.0.0.1:${profile.smtpHttp}` } : {}),
  };
}

/**
 * Starts what the environment does not already provide: Kafka unless KAFKA_BROKERS is set,
 * FerretDB unless MONGODB_URI is set, the SMTP sink unless SMTP_URL is set.
 * Returns the variables the services and tests need. With `supervised`, an engine that exits
 * is started again with backoff (npm start); `supervisors` stop them. With `multiWriter`, also
 * a second FerretDB storing in PostgreSQL (MONGODB_PG_URI): the store that takes concurrent
 * writers, for the multi-writer test profile (skipped, saying so, without PostgreSQL, unless
 * `requireMultiWriter`, which fails naming the package to install).
 */
export async function startEngines(
  profileName,
  { env = process.env, log = console.log, supervised = false, multiWriter = false, requireMultiWriter = false } = {},
) {
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
  const supervisors = [];
  const time = async (name, fn) => {
    const t0 = Date.now();
    const result = await fn();
    timings[name] = Date.now() - t0;
    return result;
  };
  /** Starts one engine (remembering its pid for a stale-process cleanup) and, when asked, keeps it running. */
  const engine = async (name, pidName, start) => {
    const launch = async () => {
      const child = await start();
      remember(dir, pidName, child);
      return child;
    };
    const child = await time(name, launch);
    if (supervised) supervisors.push(supervise({ name, start: launch, running: child, log }));
  };

  // Fetch/build in parallel (first run only), then start in parallel.
  const [libs, ferret] = await Promise.all([
    env.KAFKA_BROKERS ? null : time('kafka-fetch', () => ensureKafka(log)),
    env.MONGODB_URI ? null : time('ferretdb-build', () => ensureFerretDb(log)),
  ]);
  let withPostgres = multiWriter && !env.MONGODB_PG_URI && ferret !== null;
  if (withPostgres && findPostgres() === null) {
    if (requireMultiWriter) throw new Error("KEYGUARD_TEST_MULTI_WRITER=true needs PostgreSQL: install Debian's (apt-get install postgresql) or unset it");
    log('postgres: not installed (Debian: apt-get install postgresql); the multi-writer profile is skipped');
    withPostgres = false;
  }
  for (const name of Object.keys(starting).filter((n) => starting[n])) killStale(dir, name);
  if (withPostgres) for (const name of ['postgres', 'ferretdb-pg']) killStale(dir, name);
  await Promise.all([
    libs &&
      engine('kafka', 'kafka', () => startKafka({ libs, dir: join(dir, 'kafka'), port: profile.kafka, controllerPort: profile.controller })).then(() => {
        started.KAFKA_BROKERS = `127.0.0.1:${profile.kafka}`;
      }),
    ferret &&
      engine('ferretdb', 'keyguard-ferretdb', () => startFerretDb({ binary: ferret, dir: join(dir, 'ferretdb'), port: profile.mongo })).then(() => {
        started.MONGODB_URI = `mongodb://127.0.0.1:${profile.mongo}/`;
      }),
    !env.SMTP_URL &&
      engine('smtp-sink', 'smtp-sink', () => startSmtpSink({ dir: join(dir, 'smtp'), smtpPort: profile.smtp, httpPort: profile.smtpHttp })).then(() => {
        started.SMTP_URL = `smtp://127.0.0.1:${profile.smtp}`;
        started.SMTP_SINK_URL = `http://127.0.0.1:${profile.smtpHttp}`;
      }),
    withPostgres &&
      (async () => {
        let url;
        await engine('postgres', 'postgres', async () => {
          const pg = await startPostgres({ dir: join(dir, 'postgres'), port: profile.postgres });
          url = pg.url;
          return pg.child;
        });
        await engine('ferretdb-pg', 'ferretdb-pg', () =>
          startFerretDb({ binary: ferret, dir: join(dir, 'ferretdb-pg'), port: profile.mongoPg, postgresqlUrl: url }),
        );
        started.MONGODB_PG_URI = `mongodb://127.0.0.1:${profile.mongoPg}/`;
      })(),
  ]);
  const resolved = {
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? started.KAFKA_BROKERS,
    MONGODB_URI: env.MONGODB_URI ?? started.MONGODB_URI,
    SMTP_URL: env.SMTP_URL ?? started.SMTP_URL,
    ...(env.SMTP_SINK_URL || started.SMTP_SINK_URL ? { SMTP_SINK_URL: env.SMTP_SINK_URL ?? started.SMTP_SINK_URL } : {}),
    ...(env.MONGODB_PG_URI || started.MONGODB_PG_URI ? { MONGODB_PG_URI: env.MONGODB_PG_URI ?? started.MONGODB_PG_URI } : {}),
  };
  return { env: resolved, started, timings, dir, supervisors };
}
