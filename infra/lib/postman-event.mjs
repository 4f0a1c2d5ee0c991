import { createHmac, randomUUID } from 'node:crypto';

/**
 * What Postman sends when a public collection changes: a signed `collection.updated` event
 * whose collection carries `value` in a request header. `npm run leak`, the start benchmark
 * and the chaos suite send it to postman-ingest.
 */
export function signedPostmanLeak(value, secret, { collectionId = randomUUID(), eventId = randomUUID(), name = 'Demo: leaked key' } = {}) {
  const body = JSON.stringify({
    id: eventId,
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
        info: { _postman_id: collectionId, name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        item: [{ name: 'List things', request: { method: 'GET', url: 'https://api.example.com/things', header: [{ key: 'X-Api-Key', value }] } }],
      },
    },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  return {
    collectionId,
    body,
    headers: { 'content-type': 'application/json', 'x-postman-timestamp': timestamp, 'x-postman-signature': signature },
  };
}
