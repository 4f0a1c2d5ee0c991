/**
 * The chaos suite's stack: its own engines (one or three Kafka brokers, FerretDB, the SMTP
 * sink) on its own ports, and keys-api, postman-ingest, policy and notifier as real separate
 * processes (`node services/<name>/dist/main.js`) under the same supervisor as `npm start`,
 * so a process killed with -9 comes back by itself. Every fault the scenarios inject is a
 * method here.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensureFerretDb, startFerretDb } from '../../infra/lib/ferretdb.mjs';
import { ensureKafka, startKafka } from '../../infra/lib/kafka.mjs';
import { root, stateDir } from '../../infra/lib/paths.mjs';
import { startPostgres } from '../../infra/lib/postgres.mjs';
import { stopAll, waitForPort } from '../../infra/lib/process.mjs';
import { startSmtpSink } from '../../infra/lib/smtp.mjs';
import { supervise } from '../../infra/lib/supervisor.mjs';

/** A TCP proxy that can be cut: connections refused and open ones dropped, until restored. */
function cuttableProxy(listenPort, targetPort) {
  const sockets = new Set();
  let server;
  const open = () =>
    new Promise((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect({ port: targetPort, host: '127.0.0.1' });
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(listenPort, '127.0.0.1', resolve);
    });
  return {
    open,
    async cut() {
      // close() calls back only once every connection is gone: drop them first, or a
      // connection whose client already hung up (CLOSE-WAIT) keeps the cut, and the stack's
      // stop, waiting for good.
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: open,
  };
}

const kafkaHeap = '384m';
const mongoConnectionsPerProcess = 10;

/**
 * `store: 'postgres'` keeps FerretDB's data in PostgreSQL (Debian's, port base + 43): a store
 * that takes concurrent writers, so policy writes six partitions' batches at once instead of
 * queueing for SQLite's one write lock.
 * @param {{ brokers: 1 | 3, basePort: number, log: (m: string) => void, sweepIntervalMs?: number, store?: 'sqlite' | 'postgres' }} options
 */
export async function startChaosStack(options) {
  try {
    return await startStack(options);
  } catch (error) {
    await stopAll(); // what did start (a broker, FerretDB) must not outlive a failed start
    throw error;
  }
}

async function startStack({ brokers, basePort, log, sweepIntervalMs = 5000, store = 'sqlite' }) {
  const dir = join(stateDir, `chaos-${brokers}-${basePort}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const [libs, ferret] = await Promise.all([ensureKafka(log), ensureFerretDb(log)]);
  const port = (offset) => basePort + offset;
  const nodes = Array.from({ length: brokers }, (_, i) => ({
    id: i + 1,
    port: port(i),
    controllerPort: port(10 + i),
    proxiedPort: port(20 + i),
    proxyPort: port(30 + i),
    dir: join(dir, `kafka-${i + 1}`),
  }));
  const voters = nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',');
  const startNode = (n) =>
    startKafka({
      libs,
      dir: n.dir,
      port: n.port,
      controllerPort: n.controllerPort,
      heap: kafkaHeap,
      template: 'infra/kafka/cluster.properties',
      vars: {
        NODE_ID: n.id,
        VOTERS: voters,
        PROXIED_PORT: n.proxiedPort,
        PROXY_PORT: n.proxyPort,
        REPLICATION: brokers >= 3 ? 3 : 1,
        MIN_ISR: brokers >= 3 ? 2 : 1,
      },
    });
  const t0 = Date.now();
  const children = await Promise.all(nodes.map(startNode));
  nodes.forEach((n, i) => {
    n.child = children[i];
  });
  const proxies = nodes.map((n) => cuttableProxy(n.proxyPort, n.proxiedPort));
  await Promise.all(proxies.map((p) => p.open()));
  const postgres = store === 'postgres' ? await startPostgres({ dir: join(dir, 'postgres'), port: port(43) }) : null;
  const mongo = { port: port(40), dir: join(dir, 'ferretdb'), postgresqlUrl: postgres?.url };
  mongo.child = await startFerretDb({ binary: ferret, dir: mongo.dir, port: mongo.port, postgresqlUrl: mongo.postgresqlUrl });
  const smtp = { port: port(41), httpPort: port(42), dir: join(dir, 'smtp') };
  smtp.child = await startSmtpSink({ dir: smtp.dir, smtpPort: smtp.port, httpPort: smtp.httpPort });
  log(`chaos: ${brokers} broker(s), FerretDB (${postgres ? 'on PostgreSQL' : 'on SQLite'}) and the SMTP sink up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // FerretDB on PostgreSQL stalls for good once its clients' commands hold every connection of
  // its PostgreSQL pool (infra/lib/postgres.mjs, ferretDbPoolConnections): each process here
  // keeps to 10 MongoDB connections (the driver's default is 100), so even the scale
  // benchmark's 13 processes stay well under it.
  const mongoUri = (dbName) => `mongodb://127.0.0.1:${mongo.port}/${dbName}${postgres ? `?maxPoolSize=${mongoConnectionsPerProcess}` : ''}`;
  const kafkaBrokers = nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  const proxiedBrokers = nodes.map((n) => `127.0.0.1:${n.proxyPort}`).join(',');
  const secrets = {
    POSTMAN_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
    KEYGUARD_HASH_KEY: randomBytes(32).toString('hex'),
    KEYGUARD_BOOTSTRAP_ADMIN_KEY: `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`,
  };
  const services = new Map();
  /** Each service process gets fixed ports from base + 60 (its port, then its operations port), kept across restarts. */
  let nextServicePort = port(60);

  /**
   * Starts the four services on database `dbName`; postman-ingest reaches Kafka through the
   * proxies. `instances` adds processes of a consumer group (the scale benchmark): `policy`,
   * `notifier`, or `<provider>-ingest-worker` (a worker-only ingest process).
   */
  async function startServices(dbName, instances = {}) {
    const common = {
      ...process.env,
      ...secrets,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: kafkaBrokers,
      MONGODB_URI: mongoUri(dbName),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      DASHBOARD_URL: 'http://127.0.0.1:8080/',
      SWEEP_INTERVAL_MS: String(sweepIntervalMs),
      // Our brokers allow short sessions (infra/kafka/cluster.properties), as npm start uses them:
      // a service killed with -9 stalls its partitions 3 s.
      KAFKA_SESSION_TIMEOUT_MS: '3000',
      ...(postgres ? { MONGODB_CONCURRENT_WRITERS: 'true' } : {}),
      DASHBOARD_DIR: '/nonexistent',
    };
    const specs = [
      // The suite asks keys-api about every leaked key from one address: lift the limit on failed authentications.
      { name: 'keys-api', env: { ...common, AUTH_FAILURES_PER_MINUTE: '1000000' } },
      // With workers of its own (the scale benchmark), the receiver is only a receiver.
      {
        name: 'postman-ingest',
        env: {
          ...common,
          KAFKA_BROKERS: proxiedBrokers,
          POSTMAN_API_URL: 'http://127.0.0.1:9/',
          ...(instances['postman-ingest-worker'] ? { INGEST_WORKER: 'false' } : {}),
        },
      },
      { name: 'policy', env: common },
      // Alerts come in digests (issue 12): a short window, so each key's email goes out within seconds.
      { name: 'notifier', env: { ...common, KEYGUARD_DIGEST_WINDOW_MS: '1000' } },
    ];
    const workerEnv = {
      ...common,
      INGEST_RECEIVER: 'false',
      GITHUB_WEBHOOK_SECRET: secrets.POSTMAN_WEBHOOK_SECRET,
      GITLAB_WEBHOOK_TOKEN: secrets.POSTMAN_WEBHOOK_SECRET,
      GITHUB_API_URL: 'http://127.0.0.1:9/',
      GITLAB_URL: 'http://127.0.0.1:9/',
    };
    for (const [group, count] of Object.entries(instances)) {
      const program = group.replace(/-worker$/, '');
      const first = specs.filter((s) => s.name === group).length;
      for (let i = first; i < count; i++) specs.push({ name: `${group}#${i + 1}`, program, env: group.endsWith('-worker') ? workerEnv : common });
    }
    await Promise.all(specs.map((spec) => startService(spec, dbName)));
  }

  function startService({ name, program = name, env: baseEnv }, dbName) {
    const logFile = join(dir, 'logs', `${dbName}-${name}.log`);
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const out = createWriteStream(logFile, { flags: 'a' });
    const entry = { name, port: nextServicePort, opsPort: nextServicePort + 1, pid: undefined };
    nextServicePort += 2;
    const env = { ...baseEnv, PORT: String(entry.port), METRICS_PORT: String(entry.opsPort) };
    const supervisor = supervise({
      name,
      log,
      initialDelayMs: 250,
      start: async () => {
        const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'services', program, 'dist/main.js')], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        entry.pid = child.pid;
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream }).on('line', (line) => out.write(`${line}\n`));
        }
        return child;
      },
      whenReady: async (child) => {
        for (;;) {
          if (child.exitCode !== null || child.signalCode !== null) throw new Error('exited');
          const ok = await fetch(`http://127.0.0.1:${entry.opsPort}/readyz`, { signal: AbortSignal.timeout(3000) }).then(
            (r) => r.ok,
            () => false,
          );
          if (ok) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    });
    entry.supervisor = supervisor;
    services.set(name, entry);
    return supervisor.ready;
  }

  return {
    brokers,
    store,
    kafkaBrokers,
    secrets,
    smtpHttp: `http://127.0.0.1:${smtp.httpPort}`,
    mongoUri,
    startServices,
    service: (name) => services.get(name),
    /** Every running process, by name (`policy`, `policy#2`, …). */
    processes: () => [...services.values()],
    async stopServices() {
      await Promise.all([...services.values()].map((s) => s.supervisor.stop()));
      services.clear();
      nextServicePort = port(60);
    },
    /** kill -9 a service; the supervisor brings it back. */
    killService(name) {
      process.kill(services.get(name).pid, 'SIGKILL');
    },
    async killBroker(nodeId) {
      const n = nodes.find((x) => x.id === nodeId);
      n.child.kill('SIGKILL');
      await new Promise((r) => (n.child.exitCode !== null || n.child.signalCode !== null ? r() : n.child.once('exit', r)));
    },
    async restartBroker(nodeId) {
      const n = nodes.find((x) => x.id === nodeId);
      n.child = await startNode(n);
    },
    async stopFerretDb() {
      mongo.child.kill('SIGKILL');
      await new Promise((r) => mongo.child.once('exit', r));
    },
    async startFerretDb() {
      mongo.child = await startFerretDb({ binary: ferret, dir: mongo.dir, port: mongo.port, postgresqlUrl: mongo.postgresqlUrl });
    },
    async stopSmtp() {
      smtp.child.kill('SIGKILL');
      await new Promise((r) => smtp.child.once('exit', r));
    },
    async startSmtp() {
      smtp.child = await startSmtpSink({ dir: smtp.dir, smtpPort: smtp.port, httpPort: smtp.httpPort });
      await waitForPort(smtp.port, { child: smtp.child, what: 'smtp sink' });
    },
    /** Kafka unreachable from postman-ingest alone. */
    cutIngestFromKafka: () => Promise.all(proxies.map((p) => p.cut())),
    reconnectIngestToKafka: () => Promise.all(proxies.map((p) => p.restore())),
    async stop() {
      await Promise.all([...services.values()].map((s) => s.supervisor.stop()));
      await Promise.all(proxies.map((p) => p.cut().catch(() => {})));
      await stopAll();
    },
  };
}
