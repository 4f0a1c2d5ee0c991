import { hashApiKey } from '@keyguard/keys';
import { repositoriesOf } from '@keyguard/store';
import { randomPmak } from '@keyguard/testkit/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../src/http/auth.js';
import { type Api, startApi } from './support.js';

// API keys are read by id when keys-api's verifier knows the key's id by its hash (FerretDB
// scans the whole collection for a lookup by hash). The verifier is a hint only: the stored key decides.
let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

async function newKey(name: string): Promise<{ id: string; key: string }> {
  const created = await api.call('POST', '/api/v1/keys', { body: { name } });
  expect(created.status).toBe(201);
  return { id: created.body.id, key: created.body.key };
}

describe('authentication by key id (the verifier as an index hint)', () => {
  it('refuses a key revoked or disabled in the store at once, though the hint still names it', async () => {
    const { id, key } = await newKey('revoked behind the verifier');
    const hints: string[] = [];
    const auth = createAuthenticator(repositoriesOf(api.store), {
      lastUsedGranularityMs: 60_000,
      keyIdOf: (hash) => {
        hints.push(hash);
        return hash === hashApiKey(key) ? id : undefined;
      },
    });
    expect((await auth.byKey(key))?.keyId).toBe(id);
    expect(hints).toEqual([hashApiKey(key)]);

    // Written to the store only: nothing is published, so no verifier has heard of it.
    await api.store.collections.apiKeys.updateOne({ _id: id }, { $set: { status: 'disabled' } });
    expect(await auth.byKey(key)).toBeNull();
    await api.store.collections.apiKeys.updateOne({ _id: id }, { $set: { status: 'revoked', revokedAt: new Date() } });
    expect(await auth.byKey(key)).toBeNull();
    // The running keys-api (its real verifier heard of the key's creation, not of this write) refuses it too.
    expect((await api.call('GET', '/api/v1/me', { key })).status).toBe(401);
    expect((await api.call('POST', '/api/v1/session', { key: null, body: { apiKey: key } })).status).toBe(401);
  });

  it('never authenticates as the hinted key: a hint whose stored hash differs falls back to the lookup by hash', async () => {
    const presented = await newKey('presented');
    const other = await newKey('other');
    const wrongHint = createAuthenticator(repositoriesOf(api.store), { lastUsedGranularityMs: 60_000, keyIdOf: () => other.id });
    expect((await wrongHint.byKey(presented.key))?.keyId).toBe(presented.id);
    // An unknown key hinted to a real one finds nothing.
    expect(await wrongHint.byKey(randomPmak())).toBeNull();

    const unknownHint = createAuthenticator(repositoriesOf(api.store), { lastUsedGranularityMs: 60_000, keyIdOf: () => 'key_does_not_exist' });
    expect((await unknownHint.byKey(presented.key))?.keyId).toBe(presented.id);
    const noHint = createAuthenticator(repositoriesOf(api.store), { lastUsedGranularityMs: 60_000 });
    expect((await noHint.byKey(presented.key))?.keyId).toBe(presented.id);
  });
});
