/**
 * Placeholder and stopword rejection, applied to the part of a secret after its keyword
 * prefix. Words are matched in lower, UPPER and Capitalised form only (not case-insensitively)
 * so random base62 bodies almost never trip them by chance.
 */
export const STOPWORDS = [
  'example',
  'xxxx',
  'your',
  'placeholder',
  'changeme',
  'dummy',
  'sample',
  'fake',
  'redacted',
  'insert',
  'replace',
  'token',
  'secret',
  'password',
] as const;

const FORMS = STOPWORDS.flatMap((w) => [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]);
/** One pass for every stopword form (an alternation of literals is a single scan in Irregexp). */
const STOPWORD = new RegExp(FORMS.join('|'));

/** Characters no generated key contains but templates do: `<your-key>`, `${KEY}`, `{{key}}`, `%s`, `***`. */
const TEMPLATE = /[<>{}$%*]|\.\.\./;

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
/** Every 8-character counting run ("01234567", "abcdefgh", ...), built once. */
const RUNS_OF_8 = SEQUENCES.flatMap((seq) => Array.from({ length: seq.length - 7 }, (_, i) => seq.slice(i, i + 8)));

const SEQUENTIAL_RUN = new RegExp(RUNS_OF_8.join('|'));

/** True when `text` holds `max` different characters or fewer (stops at the first one more). */
function atMostDistinct(text: string, max: number): boolean {
  const distinct: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (distinct.includes(c)) continue;
    if (distinct.length === max) return false;
    distinct.push(c);
  }
  return true;
}

/** True when the body looks like a template, a stopword, a run of one character or a counting sequence. */
export function isPlaceholder(body: string): boolean {
  if (body.length === 0) return true;
  if (TEMPLATE.test(body)) return true;
  if (STOPWORD.test(body)) return true;
  // a run of 8 or more of one character ("00000000", "aaaaaaaa")
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    run = body.charCodeAt(i) === body.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 8) return true;
  }
  // bodies built from three characters or fewer ("abababab", "0a0a0a0a")
  if (body.length >= 12 && atMostDistinct(body, 3)) return true;
  return SEQUENTIAL_RUN.test(body);
}
