import { z } from 'zod';
import { flag, httpUrl, kafkaFields, loadConfigOrExit, serviceFields } from '@keyguard/config';
import { Topics } from '@keyguard/events';

export const Config = z
  .object({
    ...serviceFields(8084),
    ...kafkaFields,
    /** Out of touch with Kafka longer than this, the verifier no longer vouches for its table. */
    VERIFY_MAX_STALENESS_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).default(30_000),
    /** When stale: answer from the last known state (true) or refuse with 503 UNAVAILABLE (false). */
    VERIFY_FAIL_OPEN: flag(false),
    /** The file remembering every key seen revoked (default .keyguard/verify/<topic>.revoked under the working directory). */
    VERIFY_REVOKED_FILE: z.string().min(1).optional(),
    /** keys-api, asked while the verifier cannot answer from memory (both or neither). */
    KEYGUARD_API_URL: httpUrl.optional(),
    /** A service token with scope keys:verify, for KEYGUARD_API_URL. */
    KEYGUARD_SERVICE_TOKEN: z
      .string()
      .regex(/^kgst_[0-9A-Za-z]{36}$/, 'must be a Keyguard service token (kgst_…)')
      .optional(),
    /** Topic names (tests and side-by-side deployments use other ones). */
    KEY_STATE_TOPIC: z.string().min(1).default(Topics.keyState),
    KEY_USAGE_TOPIC: z.string().min(1).default(Topics.keyUsage),
  })
  .refine((c) => (c.KEYGUARD_API_URL === undefined) === (c.KEYGUARD_SERVICE_TOKEN === undefined), {
    message: 'set both KEYGUARD_API_URL and KEYGUARD_SERVICE_TOKEN, or neither',
    path: ['KEYGUARD_SERVICE_TOKEN'],
  });
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'sample-api');
