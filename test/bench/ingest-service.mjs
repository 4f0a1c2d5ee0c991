#!/usr/bin/env node
// Child process for test/bench/ingest.mjs: one github-ingest process (receiver, and the worker
// unless BENCH_WORKER=false) started from its build, on fresh topics and a fresh database.
// Prints `{"port":N}` once listening; stops on SIGTERM.
import { startService } from '@keyguard/github-ingest/service';
import { createLogger } from '@keyguard/logger';

const env = JSON.parse(process.env.BENCH_SERVICE ?? '{}');
const logger = createLogger({ name: 'github-ingest', level: process.env.BENCH_LOG_LEVEL ?? 'warn', destination: process.stderr });
const service = await startService(
  {
    HOST: '127.0.0.1',
    PORT: 0,
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: env.brokers,
    MONGODB_URI: env.mongoUri,
    GITHUB_WEBHOOK_SECRET: env.secret,
    KEYGUARD_HASH_KEY: env.secret.repeat(2),
    GITHUB_API_URL: env.apiUrl,
    GITHUB_PARTNER_KEYS_URL: `${env.apiUrl}/meta/public_keys/secret_scanning`,
    SCAN_PRIVATE: false,
    INGEST_WORKER: env.worker,
    PUBLISH_TIMEOUT_MS: 3000,
  },
  { logger, topics: env.topics, groupId: env.groupId, dbName: env.dbName, lingerMs: env.lingerMs },
);
await service.workerReady;
process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);
process.on('SIGTERM', () => {
  service.stop().finally(() => process.exit(0));
});
