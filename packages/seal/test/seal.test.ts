import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, generateRelayKeyPair, open, relayPrivateKey, relayPublicKey, SealError, seal } from '../src/index.js';

describe('sealed box (X25519 + HKDF + AES-256-GCM)', () => {
  const pair = generateRelayKeyPair();
  const token = `sample_${randomBytes(12).toString('hex')}`;

  it('opens only with the relay private key and the same additional data', () => {
    const sealed = seal(relayPublicKey(pair.publicKey), token, 'hash-1');
    expect(sealed.startsWith('ks1.')).toBe(true);
    expect(sealed).not.toContain(token);
    expect(open(relayPrivateKey(pair.privateKey), sealed, 'hash-1')).toBe(token);
    expect(() => open(relayPrivateKey(pair.privateKey), sealed, 'hash-2')).toThrow(SealError);
    expect(() => open(relayPrivateKey(generateRelayKeyPair().privateKey), sealed, 'hash-1')).toThrow(SealError);
  });

  it('seals the same token differently every time (fresh ephemeral key)', () => {
    const key = relayPublicKey(pair.publicKey);
    expect(seal(key, token, 'h')).not.toBe(seal(key, token, 'h'));
  });

  it('refuses malformed keys with a message that names no value', () => {
    expect(() => relayPublicKey('nope')).toThrow(/X25519 public key/);
    expect(() => relayPrivateKey(pair.publicKey)).toThrow(/X25519 private key/);
  });
});

describe('secret box (AES-256-GCM at rest)', () => {
  const box = createSecretBox(randomBytes(32).toString('hex'));
  it('round-trips, bound to its context', () => {
    const encrypted = box.encrypt('whsec_value', 'nch_1');
    expect(encrypted).not.toContain('whsec_value');
    expect(box.decrypt(encrypted, 'nch_1')).toBe('whsec_value');
    expect(() => box.decrypt(encrypted, 'nch_2')).toThrow();
  });
  it('wants a 32-byte hex key', () => {
    expect(() => createSecretBox('abc')).toThrow(/64 hex/);
  });
});
