import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets Keyguard must use again (a notification channel's signing secret) are kept
 * encrypted with a per-deployment AES-256-GCM key (KEYGUARD_CHANNEL_ENCRYPTION_KEY, 64 hex).
 * Format: `enc1.<iv>.<ciphertext>.<tag>`, base64url; `context` (e.g. the channel id) is bound
 * as additional data, so a value copied onto another document does not decrypt.
 */
const PREFIX = 'enc1';

export interface SecretBox {
  encrypt(plaintext: string, context: string): string;
  decrypt(encrypted: string, context: string): string;
}

export function createSecretBox(hexKey: string): SecretBox {
  if (!/^[0-9a-f]{64}$/i.test(hexKey)) throw new Error('the encryption key must be 64 hex characters (32 bytes)');
  const key = Buffer.from(hexKey, 'hex');
  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [PREFIX, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    decrypt(encrypted, context) {
      const parts = encrypted.split('.');
      if (parts.length !== 4 || parts[0] !== PREFIX) throw new Error('not an encrypted secret');
      const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    },
  };
}
