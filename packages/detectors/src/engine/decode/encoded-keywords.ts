/**
 * What a keyword looks like once its text is base64-, percent- or JSON-encoded. These forms go
 * into the same one-pass prefilter as the keywords themselves, so an encoded secret costs
 * nothing until its encoded prefix is seen, and only then is the span around it decoded.
 */

export const BASE64 = 1;
export const PERCENT = 2;
export const JSON_ESCAPE = 4;

export interface EncodedKeyword {
  form: string;
  decoder: typeof BASE64 | typeof PERCENT | typeof JSON_ESCAPE;
  /** Base64 only: index (0-3) of the form's first character within its 4-character quantum. */
  quantum?: number;
}

/** Shortest encoded form worth a prefilter entry (the prefilter hashes 4-character grams). */
const MIN_FORM = 4;

/**
 * The characters of base64(…keyword…) that depend only on the keyword, for each of the three
 * byte alignments the keyword can have: character j covers bits [6j, 6j + 6) of the bytes, so
 * it is fixed when that range lies inside the keyword's bits.
 */
export function base64Forms(keyword: string, min = MIN_FORM): Array<{ form: string; quantum: number }> {
  const bytes = Buffer.from(keyword, 'latin1');
  const out: Array<{ form: string; quantum: number }> = [];
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), bytes, Buffer.alloc(3)]).toString('base64');
    const first = Math.ceil((8 * align) / 6);
    const last = Math.floor((8 * (align + bytes.length)) / 6); // exclusive
    if (last - first < min) continue;
    out.push({ form: encoded.slice(first, last), quantum: first % 4 });
  }
  return out;
}

const UNRESERVED = /[A-Za-z0-9._~-]/;
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./:';

function percentEncode(keyword: string, lowerHex: boolean): string {
  let out = '';
  for (const ch of keyword) {
    if (UNRESERVED.test(ch)) out += ch;
    else {
      const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
      out += `%${lowerHex ? hex : hex.toUpperCase()}`;
    }
  }
  return out;
}

/**
 * Every encoded form of the keywords: base64 (standard and URL-safe alphabets, and base64 of
 * base64 for keywords long enough to keep a distinctive form), percent-encoding and JSON's `\/`
 * where they change the keyword. Case-insensitive keywords are encoded in lower, UPPER and
 * Capitalised form.
 */
export function encodedKeywords(keywords: ReadonlyArray<{ keyword: string; ignoreCase: boolean }>): EncodedKeyword[] {
  const seen = new Set<string>();
  const out: EncodedKeyword[] = [];
  const add = (e: EncodedKeyword): void => {
    const key = `${e.decoder}:${e.quantum ?? ''}:${e.form}`;
    if (seen.has(key) || e.form.length < MIN_FORM) return;
    seen.add(key);
    out.push(e);
  };
  for (const { keyword, ignoreCase } of keywords) {
    const variants = ignoreCase
      ? [keyword.toLowerCase(), keyword.toUpperCase(), keyword[0]!.toUpperCase() + keyword.slice(1).toLowerCase()]
      : [keyword];
    for (const k of variants) {
      for (const { form, quantum } of base64Forms(k)) {
        add({ form, decoder: BASE64, quantum });
        add({ form: form.replaceAll('+', '-').replaceAll('/', '_'), decoder: BASE64, quantum });
        for (const nested of base64Forms(form)) add({ form: nested.form, decoder: BASE64, quantum: nested.quantum });
      }
      // a 3-character keyword fixes 4 characters of its base64 at one alignment only: for the
      // other two, its forms followed by each character a token can continue with
      if (k.length === 3) {
        for (const next of TOKEN_CHARS) {
          for (const { form, quantum } of base64Forms(k + next).filter((f) => f.quantum !== 0)) {
            add({ form, decoder: BASE64, quantum });
          }
        }
      }
      for (const lowerHex of [false, true]) {
        const form = percentEncode(k, lowerHex);
        if (form !== k) add({ form, decoder: PERCENT });
      }
      if (k.includes('/')) add({ form: k.replaceAll('/', '\\/'), decoder: JSON_ESCAPE });
    }
  }
  return out;
}
