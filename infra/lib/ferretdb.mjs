import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, root } from './paths.mjs';
import { requireFreePort, run, startProcess, waitForPort, which } from './process.mjs';

const source = join(root, 'infra/ferretdb');

/**
 * Builds our FerretDB launcher (infra/ferretdb, FerretDB v1 embedded, SQLite storage) once;
 * the binary is cached under a hash of its sources, so a change rebuilds it.
 */
export async function ensureFerretDb(log = console.log) {
  const hash = createHash('sha256');
  const sources = readdirSync(source)
    .filter((f) => f.endsWith('.go'))
    .sort();
  for (const f of ['go.mod', 'go.sum', ...sources]) hash.update(readFileSync(join(source, f)));
  const binary = join(cacheDir, `ferretdb-${hash.digest('hex').slice(0, 12)}`, 'keyguard-ferretdb');
  if (existsSync(binary)) return binary;
  if (!which('go')) throw new Error('FerretDB needs `go` on PATH (Go 1.24+) to build its launcher.');
  log(`ferretdb: building FerretDB v1.24 with go build into ${binary} (once, a few minutes)…`);
  await run('go', ['build', '-trimpath', '-buildvcs=false', '-o', binary, '.'], {
    cwd: source,
    env: { CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' },
    quiet: true,
  });
  return binary;
}

/**
 * Starts FerretDB on 127.0.0.1:`port` with its SQLite files under `dir`, or, with
 * `postgresqlUrl`, storing in that PostgreSQL database (several writers at once).
 */
export async function startFerretDb({ binary, dir, port, postgresqlUrl }) {
  await requireFreePort(port, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  const storage = postgresqlUrl ? ['--postgresql-url', postgresqlUrl] : ['--sqlite-dir', join(dir, 'data')];
  const child = startProcess('ferretdb', binary, ['--listen-addr', `127.0.0.1:${port}`, ...storage, '--log-level', 'warn'], {
    logFile: join(dir, 'ferretdb.log'),
  });
  await waitForPort(port, { child, what: `ferretdb on 127.0.0.1:${port}` });
  return child;
}
