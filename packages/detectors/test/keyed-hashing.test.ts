/**
 * Issue 10, item 6: a password in a URL was reported as its plain SHA-256 plus its last
 * characters, which a word list reverses offline. Rules marked `hashing: 'keyed'` report an
 * HMAC-SHA256 under the deployment's key and a preview with no character of the secret;
 * generated tokens keep plain SHA-256, which our own key lookup and GitHub's feedback need.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createScanner, defaultRules, hashToken, keyedHashToken } from '../src/index.js';

const hashKey = randomBytes(32).toString('hex');
const scanner = createScanner({ hashKey });

describe('keyed hashing of guessable secrets', () => {
  it('hashes a URL password with HMAC under the key and previews none of it', () => {
    const password = `Summer${randomBytes(2).toString('hex')}!`;
    const [finding] = scanner.scan(`DATABASE_URL=postgres://app:${password}@db.internal.acme.io:5432/app`).findings;
    expect(finding).toMatchObject({ ruleId: 'url-basic-auth', tokenHash: keyedHashToken(password, hashKey), redacted: '…' });
    expect(finding!.tokenHash).not.toBe(hashToken(password));
    // Another deployment's key gives another hash: the hash is no lookup key across deployments.
    const other = createScanner({ hashKey: randomBytes(32) }).scan(`postgres://app:${password}@db.internal.acme.io/app`).findings[0]!;
    expect(other.tokenHash).not.toBe(finding!.tokenHash);
  });

  it('keeps plain SHA-256 and the last characters for the tokens we issue and other generated tokens', () => {
    const pmak = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    const [finding] = scanner.scan(`key=${pmak}`).findings;
    expect(finding).toMatchObject({ ruleId: 'postman-api-key', tokenHash: hashToken(pmak), redacted: `PMAK-…${pmak.slice(-4)}` });
    const keyguard = defaultRules.filter((r) => r.provider === 'keyguard' || r.provider === 'postman');
    expect(keyguard.length).toBeGreaterThanOrEqual(3);
    for (const rule of keyguard) expect(rule.hashing ?? 'sha256').toBe('sha256');
  });

  it('protects a partner-alert token by its rule, and a token of no known format as keyed', () => {
    const pmak = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    expect(scanner.protect(pmak, 'postman-api-key')).toEqual({ tokenHash: hashToken(pmak), redacted: `PMAK-…${pmak.slice(-4)}` });
    const arbitrary = 'hunter2-is-my-password';
    expect(scanner.protect(arbitrary)).toEqual({ tokenHash: keyedHashToken(arbitrary, hashKey), redacted: '…' });
  });

  it('hashes with plain SHA-256 everywhere when no key is given (the CLI), still without the tail', () => {
    const password = `Winter${randomBytes(2).toString('hex')}!`;
    const [finding] = createScanner().scan(`https://deploy:${password}@git.acme-corp.net/team/repo.git`).findings;
    expect(finding).toMatchObject({ tokenHash: hashToken(password), redacted: '…' });
  });
});
