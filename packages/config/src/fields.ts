import { z } from 'zod';

/** Reusable field schemas for environment variables. Messages describe, never echo, the value. */

/** `host:port[,host:port...]`, e.g. KAFKA_BROKERS=127.0.0.1:9092 */
export const brokerList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'must be a comma-separated list of host:port')).min(1, 'must name at least one broker'));

export const mongoUri = z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URI');

export const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL');

export const smtpUrl = z.string().regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL');

export const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback);

export const optionalPort = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535')
  .optional();

/** A shared secret: long enough that it cannot be guessed. */
export const secret = (minLength = 16) => z.string().min(minLength, `must be at least ${minLength} characters long`);

/** `true/false/1/0/yes/no/on/off`, case-insensitive. */
export const flag = (fallback: boolean) =>
  z
    .string()
    .regex(/^(true|false|1|0|yes|no|on|off)$/i, 'must be true or false')
    .transform((s) => /^(true|1|yes|on)$/i.test(s))
    .prefault(fallback ? 'true' : 'false');

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');
