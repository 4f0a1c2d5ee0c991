import { z } from 'zod';
import { kafkaFields, loadConfigOrExit, mongoFields, serviceFields } from '@keyguard/config';
import { parseFindingRoutes } from './domain/finding-team.js';

export const Config = z.object({
  ...serviceFields(8090),
  ...kafkaFields,
  ...mongoFields,
  /** How often the expiry sweeper revokes keys past their expiry date. */
  SWEEP_INTERVAL_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1000).default(60_000),
  /**
   * Which team a secret that is none of our keys belongs to, by where it was found:
   * `github:acme=team_a,gitlab:group/sub=team_b,postman:<workspace id>=team_c` (domain/finding-team.ts).
   */
  FINDINGS_TEAMS: z
    .string()
    .transform((spec, ctx) => {
      try {
        return parseFindingRoutes(spec);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'malformed' });
        return z.NEVER;
      }
    })
    .optional(),
  /** The team of every other finding without a key (default `team_default`, the bootstrap team). */
  FINDINGS_DEFAULT_TEAM: z.string().min(1).optional(),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'policy');
