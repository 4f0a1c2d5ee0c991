import { describe, expect, it } from 'vitest';
import { API_KEY_PATTERN, hashApiKey, isApiKeyFormat, issueApiKey, locationKey, previewOf } from '../src/index.js';

describe('key material', () => {
  it('issues Postman-format keys from the CSPRNG, distinct each time, with their SHA-256 and preview', () => {
    const keys = Array.from({ length: 50 }, issueApiKey);
    for (const key of keys) {
      expect(key.raw).toMatch(API_KEY_PATTERN);
      expect(isApiKeyFormat(key.raw)).toBe(true);
      expect(key.hash).toBe(hashApiKey(key.raw));
      expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(key.preview).toBe(`PMAK-…${key.raw.slice(-4)}`);
      expect(key.preview).not.toContain(key.raw.slice(5, 29));
    }
    expect(new Set(keys.map((k) => k.raw)).size).toBe(50);
  });

  it('hashes exactly what is presented (the scanners hash the same way)', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(previewOf('PMAK-x-1234')).toBe('PMAK-…1234');
    expect(isApiKeyFormat('PMAK-short')).toBe(false);
  });
});

describe('locationKey', () => {
  const base = {
    source: 'github' as const,
    kind: 'commit',
    url: 'https://github.com/o/r/blob/c/a.json',
    repository: 'o/r',
    commit: 'c',
    path: 'a.json',
    line: 3,
  };
  it('is the same for the same place and differs when any coordinate differs', () => {
    expect(locationKey(base)).toBe(locationKey({ ...base }));
    expect(locationKey(base)).not.toBe(locationKey({ ...base, line: 4 }));
    expect(locationKey(base)).not.toBe(locationKey({ ...base, commit: 'd' }));
    expect(locationKey(base)).not.toBe(locationKey({ ...base, source: 'gitlab' }));
  });
});
