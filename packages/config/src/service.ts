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

export const kafkaFields = { KAFKA_BROKERS: brokerList };
export const mongoFields = { MONGODB_URI: mongoUri };
