import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * A sealed box: the sender knows only the recipient's X25519 public key. Each seal makes a
 * fresh ephemeral key pair; X25519(ephemeral, recipient) through HKDF-SHA256 gives an
 * AES-256-GCM key, and the additional data (the token's SHA-256) binds the box to its finding.
 * Format: `ks1.<ephemeral public key, SPKI DER>.<iv>.<ciphertext>.<tag>`, each part base64url.
 * Node's crypto does all of it; libsodium's crypto_box_seal is the same idea with XSalsa20.
 */
const PREFIX = 'ks1';
const INFO = Buffer.from('keyguard relay seal v1');

export interface RelayKeyPair {
  /** SPKI DER, base64url: what the scanning services get (KEYGUARD_RELAY_PUBLIC_KEY). */
  publicKey: string;
  /** PKCS#8 DER, base64url: only the relay has it (KEYGUARD_RELAY_PRIVATE_KEY). */
  privateKey: string;
}

export function generateRelayKeyPair(): RelayKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64url'),
  };
}

export class SealError extends Error {
  readonly code = 'SEAL_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/** Parses a base64url SPKI X25519 public key; throws a SealError naming the problem. */
export function relayPublicKey(encoded: string): KeyObject {
  try {
    const key = createPublicKey({ key: Buffer.from(encoded, 'base64url'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'x25519') throw new Error('not x25519');
    return key;
  } catch {
    throw new SealError('not an X25519 public key (base64url SPKI DER)');
  }
}

export function relayPrivateKey(encoded: string): KeyObject {
  try {
    const key = createPrivateKey({ key: Buffer.from(encoded, 'base64url'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'x25519') throw new Error('not x25519');
    return key;
  } catch {
    throw new SealError('not an X25519 private key (base64url PKCS#8 DER)');
  }
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32));
}

/** Seals `plaintext` to the recipient; `aad` must be given again to open it. */
export function seal(recipient: KeyObject, plaintext: string, aad: string): string {
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralDer = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const recipientDer = recipient.export({ type: 'spki', format: 'der' });
  const key = boxKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralDer, recipientDer);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [PREFIX, ephemeralDer, iv, ciphertext, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Opens a sealed box with the relay's private key; throws a SealError when it is not ours or was altered. */
export function open(privateKey: KeyObject, sealed: string, aad: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new SealError('not a sealed token');
  const [ephemeralDer, iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer, Buffer];
  try {
    const ephemeral = createPublicKey({ key: ephemeralDer, format: 'der', type: 'spki' });
    const recipientDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const key = boxKey(diffieHellman({ privateKey, publicKey: ephemeral }), ephemeralDer, recipientDer);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('the sealed token does not open with this key');
  }
}
