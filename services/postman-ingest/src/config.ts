import { z } from 'zod';
import { kafkaFields, loadConfigOrExit, mongoFields, serviceFields } from '@keyguard/config';

export const Config = z.object({
  ...serviceFields(8083),
  ...kafkaFields,
  ...mongoFields,
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'postman-ingest');
