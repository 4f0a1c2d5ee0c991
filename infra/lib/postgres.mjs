import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireFreePort, run, startProcess, waitForPort } from './process.mjs';

/**
 * Debian's PostgreSQL (`apt-get install postgresql`), for FerretDB's PostgreSQL storage: the
 * multi-writer test profile. Returns its bin directory (the newest version), or null.
 */
export function findPostgres() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin/postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0], 'bin') : null;
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user Debian's package creates. */
function runAs() {
  if (process.getuid?.() !== 0) return {};
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find(([name]) => name === 'postgres');
  if (!entry) throw new Error('postgres: running as root needs the `postgres` user (apt-get install postgresql creates it)');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * PostgreSQL connections FerretDB may hold (its `pool_max_conns`, default 50), under this
 * server's max_connections of 320. FerretDB v1.24 runs each statement of an update,
 * findAndModify or delete command as a query whose connection it keeps until the command
 * returns (internal/handler/msg_update.go defers closing each statement's query iterator), and
 * writes on another pooled connection. When every pooled connection is held by such queries,
 * each command waits for one more for good: FerretDB answers nothing while PostgreSQL shows
 * its connections idle in ClientRead (seen in the chaos suite: policy, whose MongoDB driver
 * opens up to 100 connections, sent 50+ conditional updates at once after a broker came back).
 * A MongoDB connection runs one command at a time, so this cannot happen while
 * (MongoDB connections of all clients) × (statements per command + 1) stays under the pool:
 * the store sends bulk writes in commands of at most 8 statements, and clients of a FerretDB on
 * PostgreSQL cap their connections with `maxPoolSize` in MONGODB_URI (the chaos suite: 10 per
 * process; most commands have one statement, so 2 connections each).
 */
export const ferretDbPoolConnections = 300;

/**
 * Initialises (first time) and starts a PostgreSQL server on 127.0.0.1:`port` with its data
 * under `dir`, trusting local connections; creates `database`. Resolves with the server and
 * the URL FerretDB connects to.
 */
export async function startPostgres({ dir, port, database = 'ferretdb' }) {
  const bin = findPostgres();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
  await requireFreePort(port, 'postgres');
  const user = runAs();
  const data = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { quiet: true, ...user });
  }
  const child = startProcess(
    'postgres',
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=320'],
    { logFile: join(dir, 'postgres.log'), ...user },
  );
  await waitForPort(port, { child, what: `postgres on 127.0.0.1:${port}`, timeoutMs: 60_000 });
  // The port opens before the server takes connections; psql retries until it does.
  for (let attempt = 0; ; attempt++) {
    try {
      const exists = await run(
        join(bin, 'psql'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-tAc', `SELECT 1 FROM pg_database WHERE datname = '${database}'`],
        { quiet: true },
      );
      if (exists.trim() !== '1') await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], { quiet: true });
      break;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { child, url: `postgres://postgres@127.0.0.1:${port}/${database}?pool_max_conns=${ferretDbPoolConnections}` };
}
