#!/usr/bin/env node
// The second peer of bench:verify's HTTP rows, the ceiling of keys-api's hot path: a bare
// node:http server answering POST /api/v1/keys/verify with a fixed answer of the same shape
// after reading and parsing the same JSON body — no framework, no authentication, no lookup.
// Prints `{"port":N}` once listening; stops on SIGTERM.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/api/v1/keys/verify') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const answer = JSON.stringify({ valid: false, code: 'NOT_FOUND', exposed: typeof body?.key !== 'string' });
    response.writeHead(200, ['content-type', 'application/json; charset=utf-8', 'content-length', String(Buffer.byteLength(answer))]);
    response.end(answer);
  });
});
// Fastify's keep-alive (72 s), so connections are held the same way.
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
