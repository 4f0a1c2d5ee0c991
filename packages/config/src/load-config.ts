import type { z } from 'zod';

/** One problem with one environment variable. Never carries the variable's value. */
export interface ConfigProblem {
  variable: string;
  problem: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.variable}: ${p.problem}`).join('; '));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates `env` against `schema` (an object keyed by variable name). Empty strings count as
 * unset, so `FOO=` behaves like a missing FOO. Throws a ConfigError naming every bad variable
 * and what is wrong with it; zod does not report inputs, so values never reach the message.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(input, { reportInput: false });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue): ConfigProblem => {
    const variable = String(issue.path[0] ?? '(config)');
    const missing = issue.code === 'invalid_type' && !(variable in input);
    return { variable, problem: missing ? 'is required but not set' : issue.message };
  });
  throw new ConfigError(problems);
}

/**
 * The composition root's entry point: on bad config, print one line per variable to stderr
 * and exit with status 78 (EX_CONFIG), before anything else starts.
 */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, env: Env = process.env, service = 'keyguard'): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) {
      process.stderr.write(`${service}: invalid configuration: ${p.variable} ${p.problem}\n`);
    }
    process.exit(78);
  }
}
