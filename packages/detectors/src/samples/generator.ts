import { BASE36, BASE62, base36 } from '../checksum/base-n.js';
import { githubChecksum } from '../checksum/github-token.js';
import { gitlabRoutableChecksum } from '../checksum/gitlab-routable.js';

export const ALPHABETS = {
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  digits: '0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: BASE62,
  base36: BASE36,
  upperAlnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  base64: `${BASE62}+/`,
  base64url: `${BASE62}_-`,
} as const;

/**
 * Deterministic generator of token-shaped strings for rule samples, the corpus test and the
 * benchmark. Samples are built at run time so no realistic token is ever committed.
 */
export interface SampleGenerator {
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chars(alphabet: string, length: number): string;
  hex(length: number): string;
  alnum(length: number): string;
  digits(length: number): string;
  base64url(length: number): string;
  bytes(length: number): Uint8Array;
  /** A random version-4 UUID in lower-case hex. */
  uuid(): string;
  /** `prefix` + 30 base62 + CRC-32 checksum (GitHub classic and npm tokens). */
  githubToken(prefix: string): string;
  /** GitLab routable token; `versioned` adds the `.01.` segment of the newer scheme. */
  gitlabRoutable(prefix: string, options?: { versioned?: boolean; runner?: boolean }): string;
  /** Replaces the last character with a different one of the same alphabet (breaks checksums). */
  corruptLast(token: string, alphabet?: string): string;
}

/** mulberry32: small, fast, good enough for test data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createSampleGenerator(seed = 0x6b67): SampleGenerator {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  const bytes = (length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
    return out;
  };
  const g: SampleGenerator = {
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chars,
    hex: (n) => chars(ALPHABETS.hex, n),
    alnum: (n) => chars(ALPHABETS.alnum, n),
    digits: (n) => chars(ALPHABETS.digits, n),
    base64url: (n) => chars(ALPHABETS.base64url, n),
    bytes,
    uuid: () =>
      `${chars(ALPHABETS.hex, 8)}-${chars(ALPHABETS.hex, 4)}-4${chars(ALPHABETS.hex, 3)}-${chars('89ab', 1)}${chars(ALPHABETS.hex, 3)}-${chars(ALPHABETS.hex, 12)}`,
    githubToken(prefix) {
      const random = chars(BASE62, 30);
      return `${prefix}${random}${githubChecksum(random)}`;
    },
    gitlabRoutable(prefix, options = {}) {
      // payload: 16 random bytes + routing lines ("o:<org>\n...") + its own length byte
      const routing = `o:${int(1, 99999).toString(36)}\nu:${int(1, 999999).toString(36)}`;
      const random = Buffer.from(bytes(16));
      const payload = Buffer.concat([random, Buffer.from(routing), Buffer.from([routing.length])]);
      const encoded = payload.toString('base64url');
      const head = `${prefix}${options.runner ? `t${int(1, 3)}_` : ''}${encoded}.${options.versioned ? '01.' : ''}${base36(encoded.length, 2)}`;
      return head + gitlabRoutableChecksum(head);
    },
    corruptLast(token, alphabet = BASE62) {
      const last = token.at(-1)!;
      let replacement = last;
      while (replacement === last) replacement = alphabet[Math.floor(next() * alphabet.length)]!;
      return token.slice(0, -1) + replacement;
    },
  };
  return g;
}
