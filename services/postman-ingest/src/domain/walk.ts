/**
 * Every place a secret can hide in Postman JSON — auth blocks, headers, URL query parameters,
 * variables, environment and globals values, bodies, scripts, descriptions, and object keys
 * themselves — is a string somewhere in the document. The walker flattens the document to one
 * text (one leaf per line range) so the scanner runs once, and maps each finding back to its
 * JSON path. A `{ key, value }` pair is scanned as `key: value`, so rules that need the
 * variable's name as context (`DATADOG_API_KEY: …`) see it.
 *
 * JSON paths leave the process (Kafka, MongoDB, the API, emails), so a path never carries an
 * object key that is or holds a secret: such a segment becomes `['<redacted:N>']`, N being
 * the member's position in its object.
 */
export interface Leaf {
  path: string;
  text: string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const child = (path: string, key: string) => (IDENT.test(key) ? `${path}.${key}` : `${path}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);

/** Object keys shorter than this are not scanned: no rule reports a secret that short. */
export const MIN_SCANNED_KEY_LENGTH = 12;

/**
 * A key that looks generated rather than named: long, without spaces, letters and digits mixed,
 * and varied (at least 3 bits of entropy per character). Such a key is left out of paths even
 * when no rule recognises it.
 */
export function looksLikeSecret(key: string): boolean {
  if (key.length < 16 || /\s/.test(key) || !/[0-9]/.test(key) || !/[A-Za-z]/.test(key)) return false;
  const counts = new Map<string, number>();
  for (const c of key) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / key.length) * Math.log2(n / key.length);
  return entropy >= 3;
}

export interface LeavesOptions {
  root?: string;
  maxDepth?: number;
  /** Whether an object key is (or holds) a secret: its path segment is then redacted. */
  isSecret?: (key: string) => boolean;
}

export function leaves(document: unknown, { root = '$', maxDepth = 64, isSecret = looksLikeSecret }: LeavesOptions = {}): Leaf[] {
  const out: Leaf[] = [];
  const visit = (node: unknown, path: string, depth: number) => {
    if (depth > maxDepth || node === null || node === undefined) return;
    if (typeof node === 'string') {
      if (node.length > 0) out.push({ path, text: node });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${path}[${i}]`, depth + 1);
      });
      return;
    }
    if (typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const pair = typeof record.key === 'string' && typeof record.value === 'string' && record.value.length > 0;
    let index = 0;
    for (const [key, value] of Object.entries(record)) {
      const at = index++;
      if (pair && key === 'value') out.push({ path: child(path, 'value'), text: `${record.key}: ${value}` });
      else if (pair && key === 'key') continue;
      else {
        const member = isSecret(key) ? `${path}['<redacted:${at}>']` : child(path, key);
        if (key.length >= MIN_SCANNED_KEY_LENGTH) out.push({ path: member, text: key });
        visit(value, member, depth + 1);
      }
    }
  };
  visit(document, root, 0);
  return out;
}

/** One text for one scan, and the JSON path of any 1-based line in it. */
export function flatten(items: Leaf[]): { text: string; pathAt(line: number): string | undefined } {
  const starts: number[] = [];
  let line = 1;
  const parts: string[] = [];
  for (const leaf of items) {
    starts.push(line);
    parts.push(leaf.text);
    let newlines = 0;
    for (let i = leaf.text.indexOf('\n'); i !== -1; i = leaf.text.indexOf('\n', i + 1)) newlines += 1;
    line += newlines + 1;
  }
  return {
    text: parts.join('\n'),
    pathAt(target) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= target) lo = mid;
        else hi = mid - 1;
      }
      return items[lo]?.path;
    },
  };
}
