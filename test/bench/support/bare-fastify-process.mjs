#!/usr/bin/env node
// The peer of bench:verify's HTTP rows: Fastify with nothing of keys-api's — no hooks, no
// authentication, no key lookup — answering POST /api/v1/keys/verify with a fixed answer of the
// same shape after parsing the same JSON body. What keys-api costs above it is keys-api's own.
// Prints `{"port":N}` once listening; stops on SIGTERM.
import { createRequire } from 'node:module';

// The very Fastify keys-api runs on.
const Fastify = createRequire(new URL('../../../services/keys-api/package.json', import.meta.url))('fastify');
const app = Fastify({ logger: false });
app.post('/api/v1/keys/verify', async (request) => ({ valid: false, code: 'NOT_FOUND', exposed: typeof request.body?.key !== 'string' }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();
process.on('SIGTERM', () => app.close().finally(() => process.exit(0)));
