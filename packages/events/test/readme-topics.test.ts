/** The README's topic table names exactly the topics packages/events defines: documentation that cannot drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allTopics } from '../src/index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The rows of the markdown table whose header starts with `| topic |`. */
function topicTable(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\|\s*topic\s*\|/.test(l));
  if (start < 0) return [];
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('the README topic table', () => {
  it('lists every topic of packages/events, and no other', () => {
    const documented = topicTable(readme).map((row) => /`(keyguard\.[^`]+)`/.exec(row)?.[1]);
    expect(documented.sort()).toEqual(allTopics().sort());
  });
});
