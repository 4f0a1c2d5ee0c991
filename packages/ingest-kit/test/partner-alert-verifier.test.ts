import { createLogger } from '@keyguard/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerAlertVerifier } from '../src/partner-alert-verifier.js';
import { safeEqual, verifySha256Signature } from '../src/signatures.js';
import { createPartnerKeyPair, type FixtureServer, githubDocumentedSample, publicKeysDocument, startFixtureServer } from '@keyguard/testkit/ingest';

const logger = createLogger({ name: 'test', level: 'silent' });
let keys: FixtureServer;
beforeAll(async () => {
  keys = await startFixtureServer();
});
afterAll(async () => keys.stop());

describe('createPartnerAlertVerifier', () => {
  it("verifies GitHub's documented sample with GitHub's published key", async () => {
    keys.route('GET /github', { body: publicKeysDocument({ keyIdentifier: githubDocumentedSample.keyIdentifier, publicKeyPem: githubDocumentedSample.publicKeyPem }) });
    const verifier = createPartnerAlertVerifier({ headerPrefix: 'github', keysUrl: `${keys.url}/github`, logger });
    const result = await verifier.verify(Buffer.from(githubDocumentedSample.body), {
      'github-public-key-identifier': githubDocumentedSample.keyIdentifier,
      'github-public-key-signature': githubDocumentedSample.signature,
    });
    expect(result).toEqual({ ok: true, keyIdentifier: githubDocumentedSample.keyIdentifier });
    const tampered = await verifier.verify(Buffer.from(githubDocumentedSample.body.replace('some_token', 'other_token')), {
      'github-public-key-identifier': githubDocumentedSample.keyIdentifier,
      'github-public-key-signature': githubDocumentedSample.signature,
    });
    expect(tampered).toMatchObject({ ok: false, status: 401, code: 'invalid_signature' });
  });

  it('serves GitLab with the same scheme under its own header prefix, and caches keys by identifier', async () => {
    const gitlab = createPartnerKeyPair('gl-1');
    keys.route('GET /gitlab', { body: publicKeysDocument(gitlab) });
    const verifier = createPartnerAlertVerifier({ headerPrefix: 'gitlab', keysUrl: `${keys.url}/gitlab`, logger, minRefetchIntervalMs: 0 });
    const body = Buffer.from('[{"type":"t","token":"x","url":""}]');
    const headers = { 'gitlab-public-key-identifier': 'gl-1', 'gitlab-public-key-signature': gitlab.sign(body) };
    expect(await verifier.verify(body, headers)).toEqual({ ok: true, keyIdentifier: 'gl-1' });
    expect(await verifier.verify(body, headers)).toEqual({ ok: true, keyIdentifier: 'gl-1' });
    expect(verifier.fetchCount()).toBe(1);
    expect(await verifier.verify(body, { 'github-public-key-identifier': 'gl-1', 'github-public-key-signature': gitlab.sign(body) })).toMatchObject({ ok: false, code: 'missing_signature' });
    expect(await verifier.verify(body, { ...headers, 'gitlab-public-key-signature': 'not base64 DER' })).toMatchObject({ ok: false, code: 'invalid_signature' });
  });

  it('answers 503 when the keys cannot be fetched (the sender retries)', async () => {
    keys.route('GET /down', { status: 502, body: { message: 'bad gateway' } });
    const verifier = createPartnerAlertVerifier({ headerPrefix: 'github', keysUrl: `${keys.url}/down`, logger });
    expect(await verifier.verify(Buffer.from('[]'), { 'github-public-key-identifier': 'k', 'github-public-key-signature': 'AAAA' })).toMatchObject({
      ok: false,
      status: 503,
      code: 'partner_keys_unavailable',
    });
  });
});

describe('signatures', () => {
  it("matches GitHub's HMAC test vector in constant time", () => {
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verifySha256Signature("It's a Secret to Everybody", header, 'Hello, World!')).toBe(true);
    expect(verifySha256Signature("It's a Secret to Everybody", header.replace('7571', '7572'), 'Hello, World!')).toBe(false);
    expect(verifySha256Signature("It's a Secret to Everybody", undefined, 'Hello, World!')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
