import type { Rule } from '../types.js';
import { MIN_KEYWORD_LENGTH } from './prefilter.js';

export class RuleCatalogueError extends Error {
  readonly code = 'RULE_CATALOGUE_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid rule catalogue:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RuleCatalogueError';
  }
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Fails loudly, listing every problem, so a broken rule never silently scans nothing. */
export function validateRules(rules: readonly Rule[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const where = `rule "${rule.id}"`;
    if (!ID.test(rule.id)) problems.push(`${where}: id must be kebab-case`);
    if (seen.has(rule.id)) problems.push(`${where}: duplicate id`);
    seen.add(rule.id);
    if (!rule.description) problems.push(`${where}: missing description`);
    if (/[gy]/.test(rule.pattern.flags)) problems.push(`${where}: pattern must not carry g or y flags`);
    if (rule.provider !== 'custom') {
      if (rule.keywords.length === 0) problems.push(`${where}: built-in rules need keywords`);
      for (const k of rule.keywords) {
        if (k.length < MIN_KEYWORD_LENGTH) problems.push(`${where}: keyword "${k}" shorter than ${MIN_KEYWORD_LENGTH}`);
      }
      if ((rule.mode ?? 'keyword') === 'keyword' && !/^(?:\(\?:)?\(\?<[=!]/.test(rule.pattern.source)) {
        problems.push(`${where}: keyword-mode pattern must start with a left-boundary lookbehind`);
      }
      if (!rule.samples) problems.push(`${where}: missing samples`);
    }
    for (const k of rule.keywords) {
      if (/[^\x20-\xff]/.test(k)) problems.push(`${where}: keyword "${k}" must be printable latin1`);
    }
  }
  if (problems.length > 0) throw new RuleCatalogueError(problems);
}
