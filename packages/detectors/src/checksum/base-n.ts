/** GitHub/npm ("GMP", lexicographic) base62 alphabet. */
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Encodes a non-negative safe integer in the alphabet's base, left-padded with its zero digit. */
export function encodeBase(value: number, alphabet: string, width: number): string {
  const base = alphabet.length;
  let out = '';
  let n = value;
  do {
    out = alphabet[n % base] + out;
    n = Math.floor(n / base);
  } while (n > 0);
  return out.padStart(width, alphabet[0]);
}

export const base62 = (value: number, width: number): string => encodeBase(value, BASE62, width);
export const base36 = (value: number, width: number): string => encodeBase(value, BASE36, width);
