import type { Rule, TruePositive } from '@keyguard/detectors';

/** Contexts a bare token is embedded in: code, env files, JSON, headers, start and end of input. */
export const CONTEXTS: Array<(token: string) => string> = [
  (t) => t,
  (t) => `const apiKey = "${t}";\n`,
  (t) => `export SERVICE_TOKEN=${t}\nexport OTHER=1\n`,
  (t) => `{\n  "key": "${t}",\n  "n": 1\n}`,
  (t) => `curl -H 'Authorization: Bearer ${t}' https://api.acme.io\n`,
  (t) => `line one\n\tvalue: ${t}`,
  // inside a JSON string, right after an escaped newline (Postman descriptions, diffs of JSON)
  (t) => `{"description": "use this key:\\n${t}\\nthanks"}`,
];

export function expand(tp: TruePositive): Array<{ text: string; secret: string }> {
  if (typeof tp !== 'string') return [tp];
  return CONTEXTS.map((c) => ({ text: c(tp), secret: tp }));
}

export const keywordOf = (rule: Rule): string => rule.keywords[0]!;
