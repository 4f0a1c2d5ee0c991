/**
 * keys-api serves exactly the endpoints of @keyguard/contract, each with its answers documented,
 * and the contract watcher (test/support/contract-watch.ts) sees the answers tests receive.
 */
import { endpoints } from '@keyguard/contract';
import { checkedAnswers, contractViolations } from '@keyguard/testkit/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './support.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
});

interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('the API contract', () => {
  it('keys-api serves every endpoint of packages/contract and nothing else under /api/v1', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json', { key: null })).body as { paths: Record<string, Record<string, Operation>> };
    const served = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const declared = endpoints.map((e) => `${e.method} ${e.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(served.sort()).toEqual(declared.sort());
  });

  it('documents a success answer for every operation, and 401 for every one that needs a key', async () => {
    const doc = (await api.call('GET', '/api/v1/openapi.json', { key: null })).body as { paths: Record<string, Record<string, Operation>> };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const statuses = Object.keys(operation.responses);
        // Single sign-on's two endpoints succeed with a redirect (302) to the provider and back to the dashboard.
        expect(
          statuses.some((s) => s.startsWith('2') || s === '302'),
          `${method} ${path} has a 2xx (or a 302 redirect)`,
        ).toBe(true);
        const open = Array.isArray(operation.security) && operation.security.length === 0;
        if (!open) expect(statuses, `${method} ${path} documents 401`).toContain('401');
        for (const status of statuses.filter((s) => s !== '204' && s !== '302')) {
          expect(operation.responses[status]?.content?.['application/json'], `${method} ${path} ${status} has a JSON schema`).toBeDefined();
        }
      }
    }
  });

  it('checks the answers tests receive against the document', async () => {
    const before = checkedAnswers();
    expect((await api.call('GET', '/api/v1/me')).status).toBe(200);
    expect((await api.call('GET', '/api/v1/keys?limit=0')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/keys', { key: null })).status).toBe(401);
    expect(checkedAnswers()).toBe(before + 3);
    expect(contractViolations).toEqual([]);
  });
});
