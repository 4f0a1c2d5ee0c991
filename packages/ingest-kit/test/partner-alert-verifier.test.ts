import { createLogger } from '@keyguard/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSignature, signatureTwin } from '../src/ecdsa-signature.js';
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
    keys.route('GET /github', {
      body: publicKeysDocument({ keyIdentifier: githubDocumentedSample.keyIdentifier, publicKeyPem: githubDocumentedSample.publicKeyPem }),
    });
    const verifier = createPartnerAlertVerifier({ headerPrefix: 'github', keysUrl: `${keys.url}/github`, logger });
    const result = await verifier.verify(Buffer.from(githubDocumentedSample.body), {
      'github-public-key-identifier': githubDocumentedSample.keyIdentifier,
      'github-public-key-signature': githubDocumentedSample.signature,
    });
    expect(result).toEqual({ ok: true, keyIdentifier: githubDocumentedSample.keyIdentifier, signature: githubDocumentedSample.signature });
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
    expect(await verifier.verify(body, headers)).toMatchObject({ ok: true, keyIdentifier: 'gl-1' });
    expect(await verifier.verify(body, headers)).toMatchObject({ ok: true, keyIdentifier: 'gl-1' });
    expect(verifier.fetchCount()).toBe(1);
    expect(await verifier.verify(body, { 'github-public-key-identifier': 'gl-1', 'github-public-key-signature': gitlab.sign(body) })).toMatchObject({
      ok: false,
      code: 'missing_signature',
    });
    expect(await verifier.verify(body, { ...headers, 'gitlab-public-key-signature': 'not base64 DER' })).toMatchObject({
      ok: false,
      code: 'invalid_signature',
    });
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const headersOf = (id: string, signature: string) => ({ 'github-public-key-identifier': id, 'github-public-key-signature': signature });

describe('the partner key cache (issue 10, item 4)', () => {
  it('fetches at most once per interval however many random identifiers arrive, and remembers unknown ones', async () => {
    const pair = createPartnerKeyPair('real');
    keys.route('GET /random', { body: publicKeysDocument(pair) });
    const count = () => keys.requests.filter((r) => r.path === '/random').length;
    const verifier = createPartnerAlertVerifier({ headerPrefix: 'github', keysUrl: `${keys.url}/random`, logger });
    const body = Buffer.from('[]');
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => verifier.verify(body, headersOf(`forged-${i}`, pair.sign(body)))));
    expect(answers.every((a) => !a.ok && a.status === 401 && a.code === 'unknown_key_identifier')).toBe(true);
    expect(count()).toBe(1);
    expect(await verifier.verify(body, headersOf('real', pair.sign(body)))).toMatchObject({ ok: true });
    expect(count()).toBe(1);
  });

  it('does not refetch per request when the endpoint has no usable key, and backs off while it fails', async () => {
    let status = 200;
    keys.route('GET /empty', () => ({ status, body: status === 200 ? { public_keys: [{ key_identifier: 'k', key: 'not a PEM' }] } : { message: 'down' } }));
    const count = () => keys.requests.filter((r) => r.path === '/empty').length;
    const verifier = createPartnerAlertVerifier({
      headerPrefix: 'github',
      keysUrl: `${keys.url}/empty`,
      logger,
      initialBackoffMs: 100,
      minRefetchIntervalMs: 60_000,
    });
    const body = Buffer.from('[]');
    for (let i = 0; i < 50; i++) expect(await verifier.verify(body, headersOf('k', 'AAAA'))).toMatchObject({ ok: false });
    expect(count()).toBe(1);

    status = 502;
    const failing = createPartnerAlertVerifier({ headerPrefix: 'github', keysUrl: `${keys.url}/empty`, logger, initialBackoffMs: 100 });
    const before = count();
    for (let i = 0; i < 50; i++)
      expect(await failing.verify(body, headersOf('k', 'AAAA'))).toMatchObject({ ok: false, status: 503, code: 'partner_keys_unavailable' });
    expect(count() - before).toBe(1);
    await sleep(120);
    await failing.verify(body, headersOf('k', 'AAAA'));
    expect(count() - before).toBe(2);
    // The second failure doubles the wait: 120 ms later there is still no third fetch.
    await sleep(120);
    await failing.verify(body, headersOf('k', 'AAAA'));
    expect(count() - before).toBe(2);
  });

  it('refreshes the keys periodically and stops trusting a withdrawn key', async () => {
    const old = createPartnerKeyPair('old');
    const next = createPartnerKeyPair('next');
    keys.route('GET /rotating', { body: publicKeysDocument(old, next) });
    const verifier = createPartnerAlertVerifier({
      headerPrefix: 'github',
      keysUrl: `${keys.url}/rotating`,
      logger,
      refreshIntervalMs: 150,
      minRefetchIntervalMs: 50,
    });
    const body = Buffer.from('[{"token":"t"}]');
    expect(await verifier.verify(body, headersOf('old', old.sign(body)))).toMatchObject({ ok: true });
    keys.route('GET /rotating', { body: publicKeysDocument(next) });
    expect(await verifier.verify(body, headersOf('old', old.sign(body)))).toMatchObject({ ok: true }); // not refreshed yet
    await sleep(200);
    expect(await verifier.verify(body, headersOf('old', old.sign(body)))).toMatchObject({ ok: false, status: 401, code: 'unknown_key_identifier' });
    expect(await verifier.verify(body, headersOf('next', next.sign(body)))).toMatchObject({ ok: true });
    expect(verifier.cachedIdentifiers()).toEqual(['next']);
  });
});

describe('ECDSA high-S twins (issue 10, item 19)', () => {
  it('treats the high-S twin of a valid signature as the same, canonical signature, and refuses malformed DER', async () => {
    const pair = createPartnerKeyPair('twin');
    keys.route('GET /twin', { body: publicKeysDocument(pair) });
    const verifier = createPartnerAlertVerifier({ headerPrefix: 'github', keysUrl: `${keys.url}/twin`, logger });
    const body = Buffer.from('[{"token":"t","type":"x","url":""}]');
    const original = Buffer.from(pair.sign(body), 'base64');
    const twin = signatureTwin(original);
    expect(twin.equals(original)).toBe(false);
    const first = await verifier.verify(body, headersOf('twin', original.toString('base64')));
    const second = await verifier.verify(body, headersOf('twin', twin.toString('base64')));
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    expect(canonicalSignature(twin)!.equals(canonicalSignature(original)!)).toBe(true);
    // The twin of GitHub's documented (low-S) sample maps back to the sample itself.
    const sample = Buffer.from(githubDocumentedSample.signature, 'base64');
    expect(canonicalSignature(signatureTwin(sample))!.equals(sample)).toBe(true);
    // Not strict DER: a trailing byte, a padded integer, s = 0.
    for (const bad of [
      Buffer.concat([original, Buffer.from([0])]),
      Buffer.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0x01]),
      Buffer.from([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x00]),
    ]) {
      expect(await verifier.verify(body, headersOf('twin', bad.toString('base64')))).toMatchObject({ ok: false, code: 'invalid_signature' });
    }
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
