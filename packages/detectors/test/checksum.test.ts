import { crc32, createSampleGenerator, createScanner, githubChecksum, verifyGithubStyleToken, verifyGitlabRoutableToken } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { GITHUB_BLOG_EXAMPLE, GITLAB_ROUTABLE_EXAMPLE } from './samples/documented-tokens.js';

const scanner = createScanner();
const g = createSampleGenerator(42);

describe('crc32', () => {
  it('agrees with node:zlib', () => {
    for (const s of ['', 'a', 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ', g.alnum(100), 'é✓']) expect(crc32(s)).toBe(zlibCrc32(s) >>> 0);
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
});

describe('GitHub / npm checksum (CRC-32 of the 30 random characters, base62, padded to 6)', () => {
  it('validates the token from GitHub’s own blog post', () => {
    expect(githubChecksum('zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ')).toBe('0mLq17');
    expect(verifyGithubStyleToken(GITHUB_BLOG_EXAMPLE)).toBe(true);
  });

  it('reports generated valid tokens and rejects, and counts, corrupted ones', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_']) {
      const valid = g.githubToken(prefix);
      const invalid = g.corruptLast(g.githubToken(prefix));
      const ok = scanner.scan(`token=${valid}\n`);
      expect(ok.findings).toHaveLength(1);
      expect(ok.stats.rejected).toBe(0);
      const bad = scanner.scan(`token=${invalid}\n`);
      expect(bad.findings).toEqual([]);
      expect(bad.stats.rejected).toBe(1);
      expect(bad.stats.rejectedBy.checksum).toBe(1);
    }
  });

  it('a checksum-valid token whose random part happens to spell a stopword is still found', () => {
    // About 1 generated token in 10,000 contains "your", "Xxxx" or the like by chance.
    for (const prefix of ['ghp_', 'kgst_', 'kgscim_']) {
      const random = `${g.alnum(10)}your${g.alnum(16)}`;
      const token = `${prefix}${random}${githubChecksum(random)}`;
      expect(scanner.scan(`token=${token}\n`).findings).toHaveLength(1);
    }
  });

  it('classify tells a partner alert which rule a bare token is and whether its checksum passes', () => {
    expect(scanner.classify(g.githubToken('ghp_'))).toEqual({ ruleId: 'github-pat-classic', checksumValid: true });
    expect(scanner.classify(g.corruptLast(g.githubToken('gho_')))).toEqual({
      ruleId: 'github-oauth-token',
      checksumValid: false,
    });
    expect(scanner.classify(`PMAK-${g.hex(24)}-${g.hex(34)}`)).toEqual({ ruleId: 'postman-api-key', checksumValid: null });
    expect(scanner.classify('not a token')).toBeNull();
    expect(scanner.classify(`x${g.githubToken('ghp_')}`)).toBeNull();
  });
});

describe('GitLab routable checksum (CRC-32 of everything before it, base36, padded to 7)', () => {
  it('validates a token built by GitLab’s generator, with the .01. version segment', () => {
    expect(verifyGitlabRoutableToken(GITLAB_ROUTABLE_EXAMPLE)).toBe(true);
    expect(scanner.classify(GITLAB_ROUTABLE_EXAMPLE)).toEqual({ ruleId: 'gitlab-pat-routable', checksumValid: true });
  });

  it('accepts both shapes and rejects a wrong checksum or a wrong length field', () => {
    for (const versioned of [true, false]) {
      const token = g.gitlabRoutable('glpat-', { versioned });
      expect(verifyGitlabRoutableToken(token)).toBe(true);
      expect(scanner.scan(`GITLAB_TOKEN=${token}`).findings.map((f) => f.ruleId)).toEqual(['gitlab-pat-routable']);
      const corrupted = g.corruptLast(token, '0123456789abcdefghijklmnopqrstuvwxyz');
      const bad = scanner.scan(`GITLAB_TOKEN=${corrupted}`);
      expect(bad.findings).toEqual([]);
      expect(bad.stats.rejectedBy.checksum).toBe(1);
    }
    // a length field that does not match the payload fails even before the CRC
    const token = g.gitlabRoutable('glpat-', { versioned: true });
    const dot = token.lastIndexOf('.');
    expect(verifyGitlabRoutableToken(`${token.slice(0, dot + 1)}zz${token.slice(dot + 3)}`)).toBe(false);
  });

  it('checks routable runner tokens (glrt-t<n>_) the same way', () => {
    const token = g.gitlabRoutable('glrt-', { versioned: true, runner: true });
    expect(scanner.classify(token)).toEqual({ ruleId: 'gitlab-runner-token-routable', checksumValid: true });
  });
});
