import { randomBytes } from 'node:crypto';
import { createScanner } from '@keyguard/detectors';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, resourceUrl, withinWindow } from '../src/domain/event.js';
import { scanResource } from '../src/domain/scan-resource.js';
import { flatten, leaves } from '../src/domain/walk.js';

const pmak = () => `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;

describe('leaves / flatten', () => {
  it('reaches every string, scans key/value pairs as "key: value", and maps lines back to JSON paths', () => {
    const doc = { a: { 'odd key': ['x', { key: 'TOKEN', value: 'v' }] }, body: 'line1\nline2\nline3', n: 5, t: true, empty: '' };
    const items = leaves(doc);
    expect(items).toEqual([
      { path: "$.a['odd key'][0]", text: 'x' },
      { path: "$.a['odd key'][1].value", text: 'TOKEN: v' },
      { path: '$.body', text: 'line1\nline2\nline3' },
    ]);
    const flat = flatten(items);
    expect(flat.text.split('\n')).toHaveLength(5);
    expect([1, 2, 3, 4, 5].map((l) => flat.pathAt(l))).toEqual(["$.a['odd key'][0]", "$.a['odd key'][1].value", '$.body', '$.body', '$.body']);
  });
});

describe('object keys (issue 10, item 5)', () => {
  it('scans long object keys and redacts a key that looks generated or holds a secret from every path', () => {
    const key = pmak();
    const doc = { env: { [key]: { inner: 'x' }, A3f9Kq7ZpL2mX8vR4tB6: 'y', 'Content-Type-Header': 'z' } };
    const hits = scanResource(createScanner(), { type: 'environment', id: 'e1' }, doc);
    expect(hits.map((h) => h.location.jsonPath)).toEqual(["$.env['<redacted:0>']"]);
    expect(leaves(doc).map((l) => l.path)).toEqual([
      "$.env['<redacted:0>']",
      "$.env['<redacted:0>'].inner",
      "$.env['<redacted:1>']",
      "$.env['<redacted:1>']",
      "$.env['Content-Type-Header']",
      "$.env['Content-Type-Header']",
    ]);
    expect(JSON.stringify(leaves(doc).map((l) => l.path))).not.toContain(key);
  });
});

describe('scanResource', () => {
  it('finds a secret in the third line of a request body and reports the body path', () => {
    const key = pmak();
    const doc = { collection: { item: [{ request: { body: { mode: 'raw', raw: `{\n  "a": 1,\n  "key": "${key}"\n}` } } }] } };
    const [hit, ...rest] = scanResource(createScanner(), { type: 'collection', id: 'c1', workspaceId: 'w1' }, doc);
    expect(rest).toEqual([]);
    expect(hit?.location).toEqual({
      source: 'postman',
      kind: 'collection',
      url: 'https://www.postman.com/workspace/w1/collection/c1',
      resourceType: 'collection',
      resourceId: 'c1',
      workspaceId: 'w1',
      jsonPath: '$.collection.item[0].request.body.raw',
    });
    expect(JSON.stringify(hit)).not.toContain(key);
  });
});

describe('timestamps', () => {
  it('accepts seconds or milliseconds within five minutes, either way', () => {
    const now = 1_790_000_000_000;
    expect(parseTimestamp('1790000000')).toBe(now);
    expect(parseTimestamp('1790000000000')).toBe(now);
    expect(parseTimestamp('2026-11-26T00:00:00Z')).toBeUndefined();
    expect(withinWindow(now - 299_000, now)).toBe(true);
    expect(withinWindow(now - 301_000, now)).toBe(false);
    expect(withinWindow(now + 301_000, now)).toBe(false);
    expect(resourceUrl({ type: 'workspace', id: 'w 1' })).toBe('https://www.postman.com/workspace/w%201');
  });
});
