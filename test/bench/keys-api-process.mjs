#!/usr/bin/env node
// Child process for test/bench/verify.mjs: one keys-api process started from its build, on the
// bench's topics and database (its own verifier follows the bench's key-state topic).
// Prints `{"port":N}` once listening; stops on SIGTERM.
import { Config } from '@keyguard/keys-api/config';
import { startService } from '@keyguard/keys-api/service';
import { createLogger } from '@keyguard/logger';

const env = JSON.parse(process.env.BENCH_SERVICE ?? '{}');
const logger = createLogger({ name: 'keys-api', level: process.env.BENCH_LOG_LEVEL ?? 'warn', destination: process.stderr });
// Settings as keys-api reads them from its environment, parsed by its own schema (defaults included).
const config = Config.parse({
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  KAFKA_BROKERS: env.brokers.join(','),
  MONGODB_URI: env.mongoUri,
  // FerretDB on PostgreSQL is recognised by its startup log; the setting still overrides.
  ...(process.env.MONGODB_CONCURRENT_WRITERS ? { MONGODB_CONCURRENT_WRITERS: process.env.MONGODB_CONCURRENT_WRITERS } : {}),
  KEYGUARD_BOOTSTRAP_ADMIN_KEY: env.adminKey,
  BOOTSTRAP_ADMIN_EMAIL: 'bench-admin@example.test',
  BOOTSTRAP_ADMIN_NAME: 'Bench admin',
  DASHBOARD_DIR: '/nonexistent',
  SESSION_TTL_HOURS: '1',
  SESSION_COOKIE_SECURE: 'false',
  // POST /keys/verify below Fastify unless the bench asks for the Fastify route.
  VERIFY_FAST_PATH: String(env.fastPath !== false),
});
const service = await startService(config, { logger, topics: env.topics });
process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);
// The bench died without stopping us (its pid is gone as our parent): stop too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();
process.on('SIGTERM', () => {
  service.stop().finally(() => process.exit(0));
});
