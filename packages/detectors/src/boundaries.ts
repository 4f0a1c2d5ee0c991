/**
 * Shared edge fragments so every rule has the same boundaries. A keyword-mode pattern starts
 * with a `LEFT_*` lookbehind: inside a run of token characters only the run's first position
 * can match, so a megabyte of repeated near-matches costs one scan of the run, not one per hit.
 */

/**
 * A string escape right before a token is a boundary too: in JSON and diffs of JSON a secret
 * often follows a literal `\n` (`"notes": "key:\nghp_…"`), where the character before it is `n`.
 */
const AFTER_ESCAPE = '(?<=\\\\[nrt])';
/** Not preceded by a character of the class `cls` (unless that is a string escape's letter). */
export const leftOf = (cls: string): string => `(?:(?<![${cls}])|${AFTER_ESCAPE})`;
const left = leftOf;

/** Not preceded by a letter or digit. */
export const LEFT_ALNUM = left('A-Za-z0-9');
/** Not preceded by a word character (letters, digits, `_`). */
export const LEFT_WORD = left('A-Za-z0-9_');
/** Not preceded by a base64url character (letters, digits, `_`, `-`). */
export const LEFT_TOKEN = left('A-Za-z0-9_-');
/** Not preceded by a standard base64 character. */
export const LEFT_BASE64 = left('A-Za-z0-9+/');

export const RIGHT_ALNUM = '(?![A-Za-z0-9])';
export const RIGHT_WORD = '(?![A-Za-z0-9_])';
export const RIGHT_TOKEN = '(?![A-Za-z0-9_-])';
export const RIGHT_BASE64 = '(?![A-Za-z0-9+/=])';

/** Builds a rule pattern from fragments (strings are pasted as regex source). */
export function pattern(...parts: string[]): RegExp {
  return new RegExp(parts.join(''));
}

/** Escapes a literal for use inside a pattern. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
