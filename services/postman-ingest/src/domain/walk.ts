/**
 * Every place a secret can hide in Postman JSON — auth blocks, headers, URL query parameters,
 * variables, environment and globals values, bodies, scripts, descriptions — is a string
 * somewhere in the document. The walker flattens the document to one text (one leaf per line
 * range) so the scanner runs once, and maps each finding back to its JSON path. A `{ key,
 * value }` pair is scanned as `key: value`, so rules that need the variable's name as context
 * (`DATADOG_API_KEY: …`) see it.
 */
export interface Leaf {
  path: string;
  text: string;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const child = (path: string, key: string) => (IDENT.test(key) ? `${path}.${key}` : `${path}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);

export function leaves(document: unknown, root = '$', maxDepth = 64): Leaf[] {
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
    for (const [key, value] of Object.entries(record)) {
      if (pair && key === 'value') out.push({ path: child(path, 'value'), text: `${record.key}: ${value}` });
      else if (pair && key === 'key') continue;
      else visit(value, child(path, key), depth + 1);
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
