import { describe, expect, it } from 'vitest';
import { type ChannelEvent, checkChannelUrl, isPublicAddress, newChannelSecret, signatureHeader, toSlackMessage, verifySignature } from '../src/index.js';

describe('channel URL rules', () => {
  const publicDns = async () => ['93.184.215.14'];
  it('accepts http(s) URLs that reach only public addresses', async () => {
    await expect(checkChannelUrl('https://hooks.example.test/x', { allowPrivate: false, resolve: publicDns })).resolves.toBeInstanceOf(URL);
  });
  it.each([
    ['ftp://example.test/', /only http and https/],
    ['not a url', /not a URL/],
    ['https://user:pw@example.test/', /credentials/],
    ['http://127.0.0.1:8080/hook', /private, loopback/],
    ['http://[::1]/hook', /private, loopback/],
    ['http://169.254.169.254/latest/meta-data', /private, loopback/],
    ['http://10.1.2.3/', /private, loopback/],
    ['http://[::ffff:192.168.0.1]/', /private, loopback/],
  ])('refuses %s', async (url, reason) => {
    await expect(checkChannelUrl(url, { allowPrivate: false, resolve: publicDns })).rejects.toThrow(reason);
  });
  it('resolves host names and refuses one that reaches a private address', async () => {
    await expect(
      checkChannelUrl('https://internal.example.test/', { allowPrivate: false, resolve: async () => ['93.184.215.14', '192.168.1.5'] }),
    ).rejects.toThrow(/private/);
    await expect(checkChannelUrl('https://localhost/', { allowPrivate: false })).rejects.toThrow(/private/);
  });
  it('lets an operator allow private addresses', async () => {
    await expect(checkChannelUrl('http://127.0.0.1:9/', { allowPrivate: true })).resolves.toBeInstanceOf(URL);
  });
  it('knows the ranges', () => {
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('100.64.0.1')).toBe(false);
    expect(isPublicAddress('fd00::1')).toBe(false);
  });
});

describe('X-Keyguard-Signature', () => {
  const secret = newChannelSecret();
  const body = JSON.stringify({ id: 'evt_1', type: 'exposure.detected' });
  it('verifies what it signed, within the tolerance', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, { now: at })).toBe(true);
    expect(verifySignature(secret, `${body} `, header, { now: at })).toBe(false);
    expect(verifySignature(newChannelSecret(), body, header, { now: at })).toBe(false);
    expect(verifySignature(secret, body, header, { now: new Date(at.getTime() + 301_000) })).toBe(false);
  });
});

describe('Slack message', () => {
  it('has text and blocks, escapes mrkdwn and links the finding', () => {
    const event: ChannelEvent = {
      id: 'e1',
      type: 'exposure.detected',
      createdAt: '2026-12-01T10:00:00.000Z',
      teamId: 't1',
      data: {
        summary: 'API key "<deploy>" found in public',
        finding: { id: 'f1', ruleId: 'postman-api-key', redacted: 'PMAK-…a1b2', tokenHash: 'a'.repeat(64), url: 'http://127.0.0.1:8080/#/findings' },
        locations: [{ source: 'github', kind: 'commit', url: 'https://github.com/o/r/blob/abc/.env#L3', repository: 'o/r', path: '.env', line: 3 }],
      },
    };
    const message = toSlackMessage(event);
    expect(message.text).toBe(event.data.summary);
    expect(JSON.stringify(message.blocks)).toContain('&lt;deploy&gt;');
    expect(JSON.stringify(message.blocks)).toContain('<https://github.com/o/r/blob/abc/.env#L3|open>');
    expect(JSON.stringify(message.blocks)).toContain('Open in Keyguard');
  });
});
