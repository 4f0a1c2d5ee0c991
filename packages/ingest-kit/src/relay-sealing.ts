import type { Finding, Scanner } from '@keyguard/detectors';
import { relayIssuerFor, relayPublicKey, seal } from '@keyguard/seal';
import { z } from 'zod';

/** The config field of the ingest services: optional, and refused at start when it is not an X25519 public key. */
export const relayPublicKeyField = z
  .string()
  .refine((value) => {
    try {
      relayPublicKey(value);
      return true;
    } catch {
      return false;
    }
  }, 'must be an X25519 public key (base64url SPKI DER), as npm start generates')
  .optional();

/** A finding whose raw token was sealed to the relay (the raw value itself is dropped). */
export type SealedFinding = Finding & { sealed?: string };

/**
 * With a relay public key, the scanner seals each token an issuer can revoke (a GitHub token)
 * to the relay the moment it is found, and drops the raw value: what leaves the scanning
 * process is only the sealed box, in the exposure event, for tokens found in public places
 * (`exposureMessage` decides that). Without a key, the scanner is returned unchanged.
 */
export function sealingScanner(scanner: Scanner, publicKey: string | undefined): Scanner {
  if (!publicKey) return scanner;
  const key = relayPublicKey(publicKey);
  return {
    ...scanner,
    rules: scanner.rules,
    classify: (token) => scanner.classify(token),
    protect: (...args: Parameters<Scanner['protect']>) => scanner.protect(...args),
    scan(input, options) {
      const result = scanner.scan(input, { ...options, includeRaw: true });
      for (const finding of result.findings as SealedFinding[]) {
        if (finding.raw !== undefined && relayIssuerFor(finding.ruleId)) finding.sealed = seal(key, finding.raw, finding.tokenHash);
        if (!options?.includeRaw) delete finding.raw;
      }
      return result;
    },
  };
}
