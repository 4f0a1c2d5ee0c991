import { ASSIGNMENT_CONTEXTS, createSampleGenerator, createScanner, defaultRules, GENERIC_NAME, type Rule } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';

/**
 * Every rule's generated true positives written the ways code and configuration assign a
 * secret (gitleaks' assignment styles and the ones its tests leave as to-dos): JSON, YAML,
 * .env, TOML, INI, XML elements and attributes, Terraform, make's `=` `:=` `::=` `:::=` `?=`
 * `+=`, shell, Python, JavaScript/TypeScript, Go, Java (`System.setProperty`), Kotlin, C#, PHP
 * (`.=`, arrays, `define`), Ruby, Rust, Swift, HTTP headers, URLs and CLI flags. A bare token is
 * the assigned value; a sample that needs its own surroundings (a key id and its secret) is
 * assigned whole.
 */
const scanner = createScanner();

function misses(rule: Rule, seed: number): string[] {
  const g = createSampleGenerator(seed);
  const name = rule.samples!.context ?? GENERIC_NAME;
  const out: string[] = [];
  for (const tp of rule.samples!.truePositives(g)) {
    const [value, secret] = typeof tp === 'string' ? [tp, tp] : [tp.text, tp.secret];
    for (const context of ASSIGNMENT_CONTEXTS) {
      const text = context.wrap(name, value);
      const found = scanner.scan(text, { includeRaw: true }).findings.some((f) => f.ruleId === rule.id && f.raw === secret);
      if (!found) out.push(`${context.id}: ${JSON.stringify(text.slice(0, 160))}`);
    }
  }
  return out;
}

describe('assignment contexts', () => {
  it('cover the languages and formats the issue names', () => {
    const ids = ASSIGNMENT_CONTEXTS.map((c) => c.id);
    for (const id of [
      'json',
      'yaml',
      'dotenv',
      'shell-export',
      'python',
      'javascript',
      'typescript',
      'go',
      'java-set-property',
      'php-concat',
      'ruby',
      'make-conditional',
      'xml-element-multiline',
      'xml-attribute',
      'toml',
      'ini',
      'terraform',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(defaultRules.map((r) => [r.id, r] as const))('%s: every true positive is found in every assignment style', (_id, rule) => {
    expect([...misses(rule, 1), ...misses(rule, 2)]).toEqual([]);
  });
});
