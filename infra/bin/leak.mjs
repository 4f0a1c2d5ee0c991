#!/usr/bin/env node
/**
 * `npm run leak -- <key or text>`: simulate a leak against the stack `npm start` runs. Sends
 * postman-ingest what Postman sends when a public collection changes: a signed event whose
 * collection carries the given value in its auth header. Watch the dashboard's Exposed keys and
 * Secret Scanner pages (and, with auto-revoke on, the key being revoked and the email at the
 * mail sink).
 */
import { loadLocalEnv } from '../lib/local-env.mjs';
import { signedPostmanLeak } from '../lib/postman-event.mjs';

const value = process.argv[2];
if (!value) {
  console.error('usage: npm run leak -- <an API key, or any text holding a secret>');
  process.exit(2);
}
const { values } = loadLocalEnv();
const url = process.env.POSTMAN_INGEST_URL ?? 'http://127.0.0.1:8083/webhooks/postman';
const { collectionId, body, headers } = signedPostmanLeak(value, values.POSTMAN_WEBHOOK_SECRET);
try {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body,
  });
  console.log(`${url} answered ${res.status} ${await res.text()}`);
  console.log(`Collection ${collectionId}: see http://127.0.0.1:8080/ (Exposed keys, Secret Scanner).`);
  process.exitCode = res.ok ? 0 : 1;
} catch (error) {
  console.error(`could not reach postman-ingest at ${url} (${error.message}); is \`npm start\` running?`);
  process.exitCode = 1;
}
