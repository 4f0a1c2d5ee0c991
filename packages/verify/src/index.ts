export { createVerifier, type Verifier, type VerifierOptions, type VerifierStatus } from './verifier.js';
export { VerifyCode, VerifyResult } from './result.js';
