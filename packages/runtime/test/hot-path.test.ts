import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { clientAddress, createHttpServer, createMetrics, errorAnswer, type HotPath, HttpError } from '../src/index.js';

const logger = createLogger({ name: 't', level: 'silent' });

/** One request over a real socket; answers status, the `x-seen` header and the body. */
const call = (port: number, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('a hot path below Fastify', () => {
  it('answers what it takes and hands everything else to Fastify; the server keeps Fastify’s keep-alive', async () => {
    let hot: HotPath | undefined;
    const app = createHttpServer({ service: 's', logger, metrics: createMetrics('s'), hotPath: () => hot });
    app.get('/fastify', async () => ({ by: 'fastify' }));
    app.get('/hot', async () => ({ by: 'fastify' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (app.server.address() as { port: number }).port;
      // Installed late (as keys-api does once its routes exist): until then Fastify answers all.
      expect((await call(port, '/hot')).body).toBe('{"by":"fastify"}');
      hot = (request, response) => {
        if (request.url !== '/hot') return false;
        response.end('{"by":"hot path"}');
        return true;
      };
      expect((await call(port, '/hot')).body).toBe('{"by":"hot path"}');
      expect((await call(port, '/fastify')).body).toBe('{"by":"fastify"}');
      expect((await call(port, '/nowhere')).status).toBe(404);
      expect(app.server.keepAliveTimeout).toBe(72_000);
    } finally {
      await app.close();
    }
  });

  it('sees the client address Fastify’s request.ip gives, for every TRUST_PROXY form', async () => {
    for (const trustProxy of [undefined, true, 1, '127.0.0.1', '10.0.0.0/8']) {
      let seen: string | undefined;
      const address = clientAddress(trustProxy);
      const app = createHttpServer({
        service: 's',
        logger,
        metrics: createMetrics('s'),
        trustProxy,
        hotPath: () => (request) => {
          seen = address(request);
          return false;
        },
      });
      app.get('/ip', async (request) => request.ip);
      await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const port = (app.server.address() as { port: number }).port;
        const answer = await call(port, '/ip', { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' });
        expect(seen, String(trustProxy)).toBe(answer.body);
      } finally {
        await app.close();
      }
    }
  });

  it('shapes errors as the error handler does', () => {
    expect(errorAnswer(new HttpError(429, 'too_many_requests', 'slow down', { retry: 1 }))).toEqual({
      status: 429,
      body: { error: 'too_many_requests', message: 'slow down', retry: 1 },
    });
    expect(errorAnswer(Object.assign(new Error('Request body is too large'), { statusCode: 413 }))).toEqual({
      status: 413,
      body: { error: 'payload_too_large', message: 'Request body is too large' },
    });
    expect(errorAnswer(new Error('mongodb://user:pass@host'))).toEqual({ status: 500, body: { error: 'internal_error', message: 'internal error' } });
  });
});
