import type { Rule } from '../types.js';
import type { SampleGenerator } from './generator.js';

const fill = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.ceil(bytes / Math.max(1, unit.length))));

/**
 * About `bytes` of near-matches for one rule, built from its own generated samples: the keyword
 * repeated, truncated tokens back to back and with separators, a keyword followed by one huge
 * run of body characters, and (for window rules) the context keyword beside near-miss values.
 * Each shape targets a different way a backtracking pattern could go quadratic.
 */
export function adversarialInput(rule: Rule, g: SampleGenerator, bytes = 1 << 20): string {
  const samples = rule.samples?.truePositives(g) ?? [];
  const token = samples.map((s) => (typeof s === 'string' ? s : s.secret))[0] ?? rule.keywords[0]!;
  const keyword = rule.keywords[0]!;
  const cut = token.slice(0, -1);
  const part = Math.floor(bytes / 6);
  const bodyChar = token.at(-2) ?? 'A';
  return [
    fill(keyword, part),
    fill(cut, part),
    fill(`${cut} `, part),
    keyword + fill(bodyChar, part),
    fill(`${keyword} ${cut}\n`, part),
    fill(`${keyword}${keyword.at(-1)}${token.slice(keyword.length)}`, part),
  ]
    .join('\n')
    .slice(0, bytes);
}
