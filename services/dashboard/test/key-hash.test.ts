import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyHashOf } from '../src/key-hash';

const nodeSha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('keyHashOf (issue 10, item 16)', () => {
  it('is the hex SHA-256 keys-api matches, computed without Web Crypto, of the trimmed value', () => {
    const key = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    expect(keyHashOf(key)).toBe(nodeSha256(key));
    expect(keyHashOf(`  ${key}\n`)).toBe(nodeSha256(key));
    expect(keyHashOf('')).toBe(nodeSha256(''));
    expect(keyHashOf('clé-ünïcode-🔑')).toBe(nodeSha256('clé-ünïcode-🔑'));
    expect(keyHashOf('x'.repeat(10_000))).toBe(nodeSha256('x'.repeat(10_000)));
  });
});
