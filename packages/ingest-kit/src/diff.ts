/**
 * Added lines of a unified diff (a GitHub `patch` or a GitLab `diff`), with their line numbers
 * in the new file. Removed and context lines are skipped: a secret that was only deleted is not
 * a new exposure, and context lines were scanned when they were added.
 */
export interface AddedLine {
  line: number;
  text: string;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function addedLines(patch: string): AddedLine[] {
  const out: AddedLine[] = [];
  let next = 0;
  let inHunk = false;
  let start = 0;
  while (start <= patch.length) {
    let end = patch.indexOf('\n', start);
    if (end === -1) end = patch.length;
    const raw = patch.slice(start, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    start = end + 1;
    const hunk = HUNK.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const marker = line[0];
    if (marker === '+') {
      out.push({ line: next, text: line.slice(1) });
      next += 1;
    } else if (marker === ' ') next += 1;
    else if (marker === '-' || marker === '\\') continue;
    else if (line.length === 0 && start <= patch.length) next += 1; // an empty context line some tools strip
  }
  return out;
}

/** Joins added lines into one text for a single scan, and maps the scan's line back. */
export function joinLines(lines: AddedLine[]): { text: string; lineAt(scanLine: number): number | undefined } {
  return {
    text: lines.map((l) => l.text).join('\n'),
    lineAt: (scanLine) => lines[scanLine - 1]?.line,
  };
}
