export { generateRelayKeyPair, open, type RelayKeyPair, relayPrivateKey, relayPublicKey, SealError, seal } from './sealed-box.js';
export { createSecretBox, type SecretBox } from './secret-box.js';
export { relayIssuerFor } from './relayable.js';
