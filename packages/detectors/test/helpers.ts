import type { Rule, TruePositive } from '@keyguard/detectors';

/**
 * Contexts a bare token is embedded in: code, env files, JSON, headers, start and end of input.
 * `name` is the variable stem: a rule with `samples.context` gets its provider's name there,
 * and only the contexts that name the value apply to it.
 */
const CONTEXTS: Array<{ named: boolean; wrap: (t: string, name: string) => string }> = [
  { named: false, wrap: (t) => t },
  { named: true, wrap: (t, n) => `const ${n}ApiKey = "${t}";\n` },
  { named: true, wrap: (t, n) => `export ${n.toUpperCase()}_TOKEN=${t}\nexport OTHER=1\n` },
  { named: true, wrap: (t, n) => `{\n  "${n}_key": "${t}",\n  "n": 1\n}` },
  { named: false, wrap: (t) => `curl -H 'Authorization: Bearer ${t}' https://api.acme.io\n` },
  { named: true, wrap: (t, n) => `line one\n\t${n}_secret: ${t}` },
  // inside a JSON string, right after an escaped newline (Postman descriptions, diffs of JSON)
  { named: false, wrap: (t) => `{"description": "use this key:\\n${t}\\nthanks"}` },
  { named: true, wrap: (t, n) => `{"description": "set ${n.toUpperCase()}_KEY=${t}\\nthanks"}` },
];

export function expand(tp: TruePositive, rule: Rule): Array<{ text: string; secret: string }> {
  if (typeof tp !== 'string') return [tp];
  const context = rule.samples?.context;
  return CONTEXTS.filter((c) => c.named || context === undefined).map((c) => ({ text: c.wrap(tp, context ?? 'service'), secret: tp }));
}

export const keywordOf = (rule: Rule): string => rule.keywords[0]!;
