import { createSampleGenerator, createScanner, hashToken } from '@keyguard/detectors';
import { generateRelayKeyPair, open, relayPrivateKey } from '@keyguard/seal';
import { describe, expect, it } from 'vitest';
import { exposureMessage, type SealedFinding, sealingScanner, toFound } from '../src/index.js';

const keys = generateRelayKeyPair();
const samples = createSampleGenerator(7);
const location = { source: 'postman' as const, kind: 'collection', url: 'https://www.postman.com/acme/collection/c-1' };

describe('sealing scanner', () => {
  const scanner = sealingScanner(createScanner(), keys.publicKey);
  const token = samples.githubToken('ghp_');
  const pmak = `PMAK-${'a1'.repeat(12)}-${'b2'.repeat(17)}`;
  const findings = scanner.scan(`gh=${token}\napi_key=${pmak}\n`).findings as SealedFinding[];

  it('seals a GitHub token to the relay and keeps no raw value', () => {
    const gh = findings.find((f) => f.ruleId === 'github-pat-classic')!;
    expect(gh.raw).toBeUndefined();
    expect(gh.sealed).toMatch(/^ks1\./);
    expect(open(relayPrivateKey(keys.privateKey), gh.sealed!, hashToken(token))).toBe(token);
    expect(findings.find((f) => f.ruleId === 'postman-api-key')?.sealed).toBeUndefined();
  });

  it('the exposure carries the sealed token only for a public place', () => {
    const found = toFound(findings.find((f) => f.ruleId === 'github-pat-classic')!);
    const publicOne = exposureMessage(found, location, { source: 'test', public: true }).value as { payload: { sealedToken?: string } };
    const privateOne = exposureMessage(found, location, { source: 'test' }).value as { payload: { sealedToken?: string } };
    expect(publicOne.payload.sealedToken).toBe(found.sealed);
    expect(privateOne.payload.sealedToken).toBeUndefined();
    expect(JSON.stringify(publicOne)).not.toContain(token);
  });

  it('without a relay key the scanner is unchanged', () => {
    const plain = createScanner();
    expect(sealingScanner(plain, undefined)).toBe(plain);
  });
});
