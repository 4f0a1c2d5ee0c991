import { z } from 'zod';

// Kept apart from config.ts so zod (~30 ms of startup) loads only when a --config is given.

export const RuleAllowlistFile = z
  .object({
    description: z.string().optional(),
    condition: z.enum(['OR', 'AND']).optional(),
    paths: z.array(z.string()).optional(),
    regexes: z.array(z.string()).optional(),
    regexTarget: z.enum(['secret', 'match', 'line']).optional(),
    stopwords: z.array(z.string()).optional(),
  })
  .strict();

export const RuleFile = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
    description: z.string().optional(),
    regex: z.string().min(1),
    secretGroup: z.number().int().nonnegative().optional(),
    keywords: z.array(z.string().min(1)).optional(),
    entropy: z.number().nonnegative().optional(),
    confidence: z.enum(['high', 'medium', 'low']).optional(),
    tags: z.array(z.string()).optional(),
    allowlists: z.array(RuleAllowlistFile).optional(),
  })
  .strict();

/** gitleaks-style config: `[extend]`, `[[rules]]` with `[[rules.allowlists]]`, plus keyguard's `[allowlist]` and `[scan]`. */
export const ConfigFile = z
  .object({
    title: z.string().optional(),
    extend: z
      .object({ useDefault: z.boolean().optional(), disabledRules: z.array(z.string()).optional() })
      .strict()
      .optional(),
    rules: z.array(RuleFile).optional(),
    allowlist: z
      .object({
        paths: z.array(z.string()).optional(),
        tokenHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256')).optional(),
        rules: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    scan: z
      .object({
        maxFileSize: z.number().int().positive().optional(),
        includeNodeModules: z.boolean().optional(),
        exclude: z.array(z.string()).optional(),
        /** Layers of base64 / percent-encoding / JSON escapes decoded to find secrets inside; 0 = off. */
        maxDecodeDepth: z.number().int().min(0).max(8).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFile>;
