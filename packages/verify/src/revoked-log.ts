import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const DIGEST_BYTES = 32;

/**
 * The digests of every key this verifier has seen revoked, appended to a file (32 bytes each,
 * no key material: SHA-256 of the key, like the topic's record keys). Loaded at start before
 * anything is answered, so a key once seen revoked is never answered VALID again by a verifier
 * using this file — not after a restart, not if a later record claimed otherwise. Appends of
 * 32-byte multiples are atomic on a local file system, so verifiers may share one file.
 */
export function openRevokedLog(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  return {
    path,
    /** Every digest in the file, as 32-character latin1 strings. */
    load(): string[] {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const digests: string[] = [];
      // A torn last write (a crash mid-append) leaves a partial record: ignored.
      for (let at = 0; at + DIGEST_BYTES <= bytes.length; at += DIGEST_BYTES) digests.push(bytes.toString('latin1', at, at + DIGEST_BYTES));
      return digests;
    },
    append(digests: string[]): void {
      if (digests.length === 0) return;
      appendFileSync(path, Buffer.from(digests.join(''), 'latin1'));
    },
  };
}

export type RevokedLog = ReturnType<typeof openRevokedLog>;
