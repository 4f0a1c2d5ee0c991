import { z } from 'zod';
import { brokerList, logLevel, mongoUri, optionalPort, port } from './fields.js';

/**
 * Variables every service reads: where it listens, where its operations endpoints (/readyz,
 * /metrics) listen — METRICS_PORT, by default PORT + 1100, on METRICS_HOST, by default HOST —
 * and how much it logs.
 */
export const serviceFields = (defaultPort: number) => ({
  HOST: z.string().default('127.0.0.1'),
  PORT: port(defaultPort),
  METRICS_HOST: z.string().min(1).optional(),
  METRICS_PORT: optionalPort,
  LOG_LEVEL: logLevel,
});

export const kafkaFields = {
  KAFKA_BROKERS: brokerList,
  /**
   * How long a consumer group waits for a member's heartbeat before it drops the member and
   * hands its partitions to the others: how long a kill -9'd or lost instance stalls its
   * partitions. Default 6000, the smallest a stock broker accepts (group.min.session.timeout.ms);
   * `npm start` uses 3000 on its own broker, which allows down to 1000. Shorter means a busy
   * event loop that misses heartbeats this long costs a rebalance (nothing is lost: uncommitted
   * messages are read again).
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000 (and at least the broker group.min.session.timeout.ms)')
    .max(300_000, 'must be at most 300000 (the broker group.max.session.timeout.ms default)')
    .optional(),
};
export const mongoFields = {
  MONGODB_URI: mongoUri,
  /**
   * Whether the MongoDB server takes concurrent writers: `auto` (true unless it is FerretDB,
   * whose SQLite storage has one write lock), `true` (MongoDB, FerretDB on PostgreSQL), `false`.
   */
  MONGODB_CONCURRENT_WRITERS: z
    .enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' })
    .transform((v) => (v === 'auto' ? undefined : v === 'true'))
    .optional(),
};
