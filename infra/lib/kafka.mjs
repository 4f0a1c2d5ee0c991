import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, root } from './paths.mjs';
import { requireFreePort, run, startProcess, waitForPort, which } from './process.mjs';

export const KAFKA_VERSION = process.env.KAFKA_VERSION ?? '3.9.1';
// Any fixed, valid cluster id: saves a JVM start for `StorageTool random-uuid`.
const CLUSTER_ID = 'MkU3OEVBNTcwNTJENDM2Qk';

/** Fetches the broker's jars from Maven Central once into the cache. */
export async function ensureKafka(log = console.log) {
  const libs = join(cacheDir, `kafka-${KAFKA_VERSION}`, 'libs');
  if (existsSync(join(libs, '.complete'))) return libs;
  for (const tool of ['java', 'mvn']) {
    if (!which(tool)) throw new Error(`Kafka needs \`${tool}\` on PATH (Java 17+ and Maven) to fetch and run the broker.`);
  }
  log(`kafka: fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central into ${libs} (once)…`);
  rmSync(libs, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  await run(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      join(root, 'infra/kafka/pom.xml'),
      `-Dkafka.version=${KAFKA_VERSION}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ],
    { quiet: true },
  );
  if (!readdirSync(libs).some((f) => f.startsWith('kafka_2.13-'))) throw new Error(`kafka: no broker jar arrived in ${libs}`);
  writeFileSync(join(libs, '.complete'), new Date().toISOString());
  return libs;
}

/**
 * AppCDS (JDK 13+ dynamic archive): the broker's first graceful stop writes the classes it
 * loaded into a shared archive next to the jars; every later start maps them instead of
 * loading, verifying and parsing ~3,000 classes, which halves the broker's start-up CPU time
 * and its time to an open port (measured: 2.5 → 1.3 CPU-s, ~5.5 → ~2.9 s; `npm run bench:start`).
 * Each JVM writes its own temporary file, renamed into place once it exited, so brokers that
 * start together (a cluster, other checkouts sharing the cache) never read a half-written one.
 * A stale archive (another JDK) is ignored by the JVM with a warning in kafka.log.
 */
function classDataSharing(libs) {
  const archive = join(dirname(libs), 'kafka-cds.jsa');
  if (process.env.KEYGUARD_KAFKA_CDS === 'false') return { flags: [], readOnlyFlags: [], afterExit: () => {} };
  if (existsSync(archive)) {
    const flags = [`-XX:SharedArchiveFile=${archive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
    return { flags, readOnlyFlags: flags, afterExit: () => {} };
  }
  const temporary = `${archive}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  return {
    flags: [`-XX:ArchiveClassesAtExit=${temporary}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off'],
    readOnlyFlags: [],
    afterExit: () => {
      try {
        if (existsSync(temporary) && !existsSync(archive)) renameSync(temporary, archive);
        else rmSync(temporary, { force: true });
      } catch {
        // another broker put its archive there first
      }
    },
  };
}

/**
 * Formats (first time only) and starts a single-node KRaft broker on 127.0.0.1:`port`.
 * Resolves when the broker accepts connections. `template` and `vars` start one node of a
 * cluster instead (infra/kafka/cluster.properties: NODE_ID, VOTERS, REPLICATION, …).
 */
export async function startKafka({ libs, dir, port, controllerPort, heap = '512m', template = 'infra/kafka/server.properties', vars = {} }) {
  await requireFreePort(port, 'kafka');
  await requireFreePort(controllerPort, 'kafka controller');
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  let properties = readFileSync(join(root, template), 'utf8')
    .replaceAll('${PORT}', String(port))
    .replaceAll('${CONTROLLER_PORT}', String(controllerPort))
    .replaceAll('${DATA_DIR}', dataDir);
  for (const [name, value] of Object.entries(vars)) properties = properties.replaceAll(`\${${name}}`, String(value));
  const propertiesFile = join(dir, 'server.properties');
  writeFileSync(propertiesFile, properties);
  const jvm = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    // The client compiler only: the broker opens its port in about half the time (a local
    // broker's load is far below what C2's peak code would matter for).
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j.configuration=file:${join(root, 'infra/kafka/log4j.properties')}`,
    ...(process.env.KEYGUARD_KAFKA_JVM_OPTS ?? '').split(' ').filter(Boolean),
    '-cp',
    `${libs}/*`,
  ];
  const cds = classDataSharing(libs);
  if (!existsSync(join(dataDir, 'meta.properties'))) {
    await run('java', [...cds.readOnlyFlags, ...jvm, 'kafka.tools.StorageTool', 'format', '-t', CLUSTER_ID, '-c', propertiesFile, '-g'], { quiet: true });
  }
  const child = startProcess('kafka', 'java', [...cds.flags, ...jvm, 'kafka.Kafka', propertiesFile], { logFile: join(dir, 'kafka.log') });
  child.once('exit', cds.afterExit);
  await waitForPort(port, { child, what: `kafka on 127.0.0.1:${port}` });
  return child;
}
