import { randomBytes } from 'node:crypto';
import { createScanner, githubChecksum, hashToken, keyedHashToken } from '@keyguard/detectors';
import { ExposureDetected, type ExposureLocation } from '@keyguard/events';
import { describe, expect, it } from 'vitest';
import { eventExposures, exposureMessage, stableId } from '../src/exposures.js';
import { locateUrl, partnerAlertExposures } from '../src/partner-alerts.js';

const scanner = createScanner();
const base62 = (n: number) => {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(n), (b) => alphabet[b % 62]).join('');
};
const githubToken = (valid: boolean) => {
  const random = base62(30);
  const checksum = githubChecksum(random);
  const wrong = checksum === '000000' ? '000001' : '000000';
  return `ghp_${random}${valid ? checksum : wrong}`;
};

describe('partnerAlertExposures', () => {
  it('labels live keys and checksum-valid tokens true_positive, drops checksum failures, never carries the raw token', async () => {
    const live = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    const valid = githubToken(true);
    const invalid = githubToken(false);
    const unknown = 'some_token';
    const { messages, feedback } = await partnerAlertExposures({
      provider: 'github',
      matches: [live, valid, invalid, unknown].map((token) => ({ token, type: 'our_type', url: '', source: 'Commit' })),
      scanner,
      issuedKeys: async (hashes) => new Set(hashes.filter((h) => h === hashToken(live))),
      service: 'test',
      correlationId: 'c1',
    });
    expect(feedback.map((f) => f.label)).toEqual(['true_positive', 'true_positive', 'false_positive', 'false_positive']);
    expect(feedback.map((f) => f.token_hash)).toEqual([live, valid, invalid, unknown].map(hashToken));
    expect(messages).toHaveLength(3);
    const payloads = messages.map((m) => ExposureDetected.parse(m.value).payload);
    expect(payloads.map((p) => [p.ruleId, p.confidence])).toEqual([
      ['postman-api-key', 'high'],
      ['github-pat-classic', 'high'],
      ['github-partner-our-type', 'low'],
    ]);
    expect(payloads[0]?.location).toEqual({ source: 'github', kind: 'partner_alert', url: '', resourceType: 'commit' });
    const text = JSON.stringify(messages);
    for (const raw of [live, valid, invalid]) expect(text).not.toContain(raw.slice(4));
  });

  it('reports a token of no known format under the keyed hash with no character of it, and still answers GitHub its plain SHA-256 (issue 10, item 6)', async () => {
    const hashKey = randomBytes(32);
    const keyed = createScanner({ hashKey });
    const password = `hunter${randomBytes(2).toString('hex')}`;
    const live = `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;
    const { messages, feedback } = await partnerAlertExposures({
      provider: 'github',
      matches: [password, live].map((token) => ({ token, type: 'our_type', url: '', source: 'content' })),
      scanner: keyed,
      issuedKeys: async (hashes) => new Set(hashes.filter((h) => h === hashToken(live))),
      service: 'test',
      correlationId: 'c2',
    });
    expect(feedback.map((f) => f.token_hash)).toEqual([hashToken(password), hashToken(live)]);
    const [arbitrary, ours] = messages.map((m) => ExposureDetected.parse(m.value).payload);
    expect(arbitrary).toMatchObject({ tokenHash: keyedHashToken(password, hashKey), redacted: '…' });
    // Our own keys keep the plain SHA-256 that policy looks them up by.
    expect(ours).toMatchObject({ ruleId: 'postman-api-key', tokenHash: hashToken(live), redacted: `PMAK-…${live.slice(-4)}` });
    expect(JSON.stringify(messages)).not.toContain(password.slice(-4));
  });

  it('reads repository, commit and path from GitHub and GitLab URLs', () => {
    expect(locateUrl('https://github.com/o/r/blob/abcdef1/a%20b/c.txt')).toEqual({ repository: 'o/r', commit: 'abcdef1', path: 'a b/c.txt' });
    expect(locateUrl('https://gitlab.com/g/sub/p/-/raw/abcdef1234/x.java')).toEqual({ repository: 'g/sub/p', commit: 'abcdef1234', path: 'x.java' });
    expect(locateUrl('https://github.com/o/r/issues/1#issuecomment-1')).toEqual({});
  });
});

describe('exposureMessage', () => {
  it('gives the same occurrence the same id, whenever it is processed', () => {
    const found = { ruleId: 'r', tokenHash: 'a'.repeat(64), redacted: 'x…y', confidence: 'high' as const };
    const location = { source: 'github' as const, kind: 'commit', url: 'u', repository: 'o/r', commit: 'c', path: 'p', line: 3 };
    const first = exposureMessage(found, location, { source: 's', detectedAt: new Date(0) });
    const again = exposureMessage(found, location, { source: 's' });
    const elsewhere = exposureMessage(found, { ...location, line: 4 }, { source: 's' });
    expect((first.value as { id: string }).id).toBe((again.value as { id: string }).id);
    expect((first.value as { id: string }).id).not.toBe((elsewhere.value as { id: string }).id);
    expect(first.key).toBe('a'.repeat(64));
    expect(stableId('a', 'b')).not.toBe(stableId('ab'));
  });
});

describe('eventExposures (issue 10, item 1)', () => {
  const place: ExposureLocation = { source: 'postman', kind: 'collection', url: 'https://www.postman.com/c/1', resourceType: 'collection', resourceId: 'c1' };
  const occurrence = (i: number, confidence: 'high' | 'medium' | 'low') => ({
    found: { ruleId: confidence === 'high' ? 'postman-api-key' : 'jwt', tokenHash: stableId('secret', i), redacted: '…', confidence },
    location: { ...place, jsonPath: `$.v[${i}]` },
  });

  it('publishes every occurrence up to the cap, unchanged', () => {
    const messages = eventExposures(
      [0, 1, 2].map((i) => occurrence(i, 'high')),
      { source: 's', maxPerEvent: 3, summaryLocation: place },
    );
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => ExposureDetected.parse(m.value).payload.overflow === undefined)).toBe(true);
  });

  it('beyond the cap, keeps the most confident and adds one too-many-secrets exposure with the counts, the same for every event of the place', () => {
    const many = Array.from({ length: 250 }, (_, i) => occurrence(i, i % 5 === 0 ? 'high' : 'low'));
    const messages = eventExposures(many, { source: 's', maxPerEvent: 60, summaryLocation: place });
    expect(messages).toHaveLength(61);
    const payloads = messages.map((m) => ExposureDetected.parse(m.value).payload);
    expect(payloads.slice(0, 60).filter((p) => p.confidence === 'high')).toHaveLength(50);
    const summary = payloads.at(-1)!;
    expect(summary).toMatchObject({
      ruleId: 'too-many-secrets',
      confidence: 'low',
      location: place,
      overflow: { total: 250, reported: 60, byRule: { 'postman-api-key': 50, jwt: 200 } },
    });
    const again = eventExposures(many.slice(0, 200), { source: 's', maxPerEvent: 60, summaryLocation: place });
    expect(ExposureDetected.parse(again.at(-1)!.value).payload.tokenHash).toBe(summary.tokenHash);
  });
});
