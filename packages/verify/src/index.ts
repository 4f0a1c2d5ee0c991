export { createVerifier, type Verifier, type VerifierOptions, type VerifierStatus, type VerifyOptions } from './verifier.js';
export { VerifyCode, VerifyResult } from './result.js';
