import { readFile } from 'node:fs/promises';
import { type Allowlist, type ScannerOptions, CustomRuleError, compileCustomRule, defaultRules, type Rule } from '@keyguard/detectors';
import type { ConfigFile } from './config-schema.js';
import { CliError } from './errors.js';

export interface LoadedConfig {
  rules: Rule[];
  allowlist: Allowlist;
  maxFileSize?: number;
  includeNodeModules?: boolean;
  exclude: string[];
  maxDecodeDepth?: number;
}

/** What the scanner is built from (the same in every --threads worker). */
export function scannerOptions(config: LoadedConfig): ScannerOptions {
  return {
    rules: config.rules,
    allowlist: config.allowlist,
    ...(config.maxDecodeDepth !== undefined ? { maxDecodeDepth: config.maxDecodeDepth } : {}),
  };
}

export function resolveConfig(file: ConfigFile): LoadedConfig {
  const custom = (file.rules ?? []).map((r) => {
    try {
      const { tags: _tags, ...definition } = r;
      return compileCustomRule(definition);
    } catch (error) {
      if (error instanceof CustomRuleError) throw new CliError('CONFIG_INVALID', error.message);
      throw error;
    }
  });
  const useDefault = file.extend?.useDefault ?? true;
  const disabled = new Set(file.extend?.disabledRules ?? []);
  const known = new Set([...defaultRules.map((r) => r.id), ...custom.map((r) => r.id)]);
  const unknown = [...disabled].filter((id) => !known.has(id));
  if (unknown.length > 0) throw new CliError('CONFIG_INVALID', `disabledRules names unknown rules: ${unknown.join(', ')}`);
  // a custom rule with a built-in's id replaces it, as in gitleaks
  const customIds = new Set(custom.map((r) => r.id));
  const builtIns = useDefault ? defaultRules.filter((r) => !customIds.has(r.id)) : [];
  const rules = [...builtIns, ...custom].filter((r) => !disabled.has(r.id));
  const config: LoadedConfig = {
    rules,
    allowlist: {
      paths: file.allowlist?.paths ?? [],
      tokenHashes: file.allowlist?.tokenHashes ?? [],
      rules: file.allowlist?.rules ?? [],
    },
    exclude: file.scan?.exclude ?? [],
  };
  if (file.scan?.maxFileSize !== undefined) config.maxFileSize = file.scan.maxFileSize;
  if (file.scan?.includeNodeModules !== undefined) config.includeNodeModules = file.scan.includeNodeModules;
  if (file.scan?.maxDecodeDepth !== undefined) config.maxDecodeDepth = file.scan.maxDecodeDepth;
  return config;
}

export const DEFAULT_CONFIG: LoadedConfig = { rules: [...defaultRules], allowlist: {}, exclude: [] };

/** Reads a `.toml` or `.json` config (by extension; content sniffed otherwise) and validates it. */
export async function loadConfig(path: string | undefined): Promise<LoadedConfig> {
  if (path === undefined) return DEFAULT_CONFIG;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError('CONFIG_UNREADABLE', `cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let raw: unknown;
  const json = path.endsWith('.json') || (!path.endsWith('.toml') && text.trimStart().startsWith('{'));
  try {
    raw = json ? JSON.parse(text) : (await import('smol-toml')).parse(text);
  } catch (error) {
    throw new CliError('CONFIG_INVALID', `cannot parse config ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  const { ConfigFile } = await import('./config-schema.js');
  const result = ConfigFile.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CliError('CONFIG_INVALID', `invalid config ${path}: ${issues}`);
  }
  return resolveConfig(result.data);
}
