import { z } from 'zod';
import { brokerList, logLevel, mongoUri, port } from './fields.js';

/** Variables every service reads: where it listens and how much it logs. */
export const serviceFields = (defaultPort: number) => ({
  HOST: z.string().default('127.0.0.1'),
  PORT: port(defaultPort),
  LOG_LEVEL: logLevel,
});

export const kafkaFields = { KAFKA_BROKERS: brokerList };
export const mongoFields = { MONGODB_URI: mongoUri };
