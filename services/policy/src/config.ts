import { z } from 'zod';
import { kafkaFields, loadConfigOrExit, mongoFields, serviceFields } from '@keyguard/config';

export const Config = z.object({
  ...serviceFields(8090),
  ...kafkaFields,
  ...mongoFields,
  /** How often the expiry sweeper revokes keys past their expiry date. */
  SWEEP_INTERVAL_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1000).default(60_000),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'policy');
