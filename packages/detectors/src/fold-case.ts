const isLetter = (c: string | undefined): c is string => c !== undefined && /^[A-Za-z]$/.test(c);
const swap = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/** Length of the escape sequence starting at source[i] (a backslash). */
function escapeLength(source: string, i: number): number {
  const c = source[i + 1];
  if (c === 'x') return 4;
  if (c === 'c') return 3;
  if (c === 'u') return source[i + 2] === '{' ? source.indexOf('}', i) - i + 1 : 6;
  if (c === 'p' || c === 'P') return source[i + 2] === '{' ? source.indexOf('}', i) - i + 1 : 2;
  if (c === 'k' && source[i + 2] === '<') return source.indexOf('>', i) - i + 1;
  return 2;
}

/**
 * Rewrites a pattern so it matches case-insensitively without the `i` flag: letters become
 * `[aA]`, and letters and letter ranges inside classes gain their other case. V8's linear-time
 * fallback for runaway backtracking does not cover `i` regexes, and gitleaks configs use `(?i)`
 * everywhere. Escapes (`\W`, `\x41`, `\p{L}`) and group names are left as they are.
 */
export function foldCase(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const len = escapeLength(source, i);
      out += source.slice(i, i + len);
      i += len - 1;
    } else if (inClass) {
      if (c === ']') {
        inClass = false;
        out += c;
      } else if (isLetter(c) && source[i + 1] === '-' && isLetter(source[i + 2])) {
        const end = source[i + 2]!;
        out += `${c}-${end}`;
        if ((c === c.toLowerCase()) === (end === end.toLowerCase())) out += `${swap(c)}-${swap(end)}`;
        i += 2;
      } else out += isLetter(c) ? c + swap(c) : c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
    } else if (c === '(' && source.startsWith('(?<', i) && isLetter(source[i + 3])) {
      const close = source.indexOf('>', i);
      out += source.slice(i, close + 1);
      i = close;
    } else out += isLetter(c) ? `[${c}${swap(c)}]` : c;
  }
  return out;
}
