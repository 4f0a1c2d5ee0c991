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

/** A quote, possibly JSON-escaped (`\\"` inside a JSON string). */
const QUOTE = `(?:\\\\?["'\`])`;

/**
 * From the end of a name to the start of the value assigned to it, in the assignment styles of
 * configuration files and programming languages (the same styles gitleaks' rule tests use):
 * - the name's closing quote or bracket (`"KEY": `, `ENV['KEY'] = `, `\\"KEY\\": `);
 * - a name/value pair (`"name": "KEY", "value": `, `- name: KEY\n  value: `, `key="KEY" value=`);
 * - a type (`var key string = `, `val key: String = `, `const key: string = `);
 * - the operator: `=` `:=` `::=` `:::=` `?=` `.=` `+=` `??=` `:` `=>` `->` `<-` `,`
 *   (`setProperty("KEY", `, `define('KEY', `) `>` (`<key>`, also over a line break) `||`;
 * - the value's opening quote, and an HTTP auth scheme (`'Bearer …'`, `Bot …`, `Basic …`).
 * Every quantifier is bounded: the fragment matches at most ~120 characters.
 */
const CLOSE = `${QUOTE}?\\]?`;
const PAIR = `(?:[ \\t]{0,4},?\\r?\\n?[ \\t-]{0,8}${QUOTE}?(?:value|Value|VALUE)${QUOTE}?)?`;
const TYPE = `(?::?[ \\t]{1,4}[&A-Za-z][\\w.<>?\\[\\]]{0,24}[ \\t]{0,4})?`;
/** Longest operators first, so that the first match is the whole operator (`=>`, not `=`). */
const OPERATOR = `[ \\t]{0,4}(?::::=|::=|:=|\\?\\?=|\\?=|\\.=|\\+=|=>|->|<-|\\|\\||=|:|,|>)[ \\t\\r\\n]{0,12}`;
const OPEN = `${QUOTE}?(?:(?:Bearer|bearer|Basic|Bot|Token|token)[ \\t]{1,4})?`;

export const ASSIGN = CLOSE + PAIR + TYPE + OPERATOR + OPEN;

/** From the end of a provider's name in an identifier to the value: the rest of the name, then ASSIGN. */
export const ASSIGNED = `[ \\t\\w.-]{0,32}?${ASSIGN}`;
/**
 * The same without the name/value pair and type parts, for a second try when the value did not
 * match where ASSIGNED ended: a type can swallow a value that starts with a letter
 * (`key: a08ff49b:…` read as a type `a08ff49b` and the operator `:`).
 */
export const ASSIGNED_PLAIN = `[ \\t\\w.-]{0,32}?${CLOSE}${OPERATOR}${OPEN}`;

/** Builds a rule pattern from fragments (strings are pasted as regex source). */
export function pattern(...parts: string[]): RegExp {
  return new RegExp(parts.join(''));
}

/** Escapes a literal for use inside a pattern. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
