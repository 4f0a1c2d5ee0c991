#!/usr/bin/env node
/**
 * `npm run leak -- <key or text>`: simulate a leak against the stack `npm start` runs. Sends
 * postman-ingest what Postman sends when a public collection changes: a signed event whose
 * collection carries the given value in its auth header. Watch the dashboard's Exposed keys and
 * Secret Scanner pages (and, with auto-revoke on, the key being revoked and the email at the
 * mail sink).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { loadLocalEnv } from '../lib/local-env.mjs';

const value = process.argv[2];
if (!value) {
  console.error('usage: npm run leak -- <an API key, or any text holding a secret>');
  process.exit(2);
}
const { values } = loadLocalEnv();
const url = process.env.POSTMAN_INGEST_URL ?? 'http://127.0.0.1:8083/webhooks/postman';
const collectionId = randomUUID();
const body = JSON.stringify({
  id: randomUUID(),
  type: 'collection.updated',
  occurredAt: new Date().toISOString(),
  resource: {
    type: 'collection',
    id: collectionId,
    workspaceId: 'demo-public-workspace',
    url: `https://www.postman.com/demo/public-workspace/collection/${collectionId}`,
    visibility: 'public',
  },
  content: {
    collection: {
      info: { _postman_id: collectionId, name: 'Demo: leaked key', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'List things', request: { method: 'GET', url: 'https://api.example.com/things', header: [{ key: 'X-Api-Key', value }] } }],
    },
  },
});
const timestamp = String(Math.floor(Date.now() / 1000));
const signature = `sha256=${createHmac('sha256', values.POSTMAN_WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
try {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-postman-timestamp': timestamp, 'x-postman-signature': signature },
    body,
  });
  console.log(`${url} answered ${res.status} ${await res.text()}`);
  console.log(`Collection ${collectionId}: see http://127.0.0.1:8080/ (Exposed keys, Secret Scanner).`);
  process.exitCode = res.ok ? 0 : 1;
} catch (error) {
  console.error(`could not reach postman-ingest at ${url} (${error.message}); is \`npm start\` running?`);
  process.exitCode = 1;
}
