import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { createHttpServer, createMetrics, createOpsServer, HttpError, listenOps, metricsPortFor } from '../src/index.js';

function options(ready = true, logLines: string[] = []) {
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  return {
    service: 'test-service',
    logger: createLogger({ name: 't', destination }),
    metrics: createMetrics('test-service'),
    readiness: { kafka: async () => ready, mongodb: async () => true },
  };
}

function app(ready = true, logLines: string[] = []) {
  const server = createHttpServer(options(ready, logLines));
  server.get('/boom', async () => {
    throw new Error('secret internals: mongodb://user:pass@host');
  });
  server.get('/conflict', async () => {
    throw new HttpError(409, 'EXPOSED_KEYS_EXIST', 'exposed keys exist', { exposedCount: 2 });
  });
  return server;
}

describe('createHttpServer', () => {
  it('serves /healthz on the main port, and neither /readyz nor /metrics there (issue 10, item 15)', async () => {
    const server = app();
    expect((await server.inject('/healthz')).json()).toEqual({ status: 'ok', service: 'test-service' });
    expect((await server.inject('/readyz')).statusCode).toBe(404);
    expect((await server.inject('/metrics')).statusCode).toBe(404);
  });

  it("serves /healthz, /readyz and /metrics on the operations server, with the main server's request series", async () => {
    const opts = options();
    const server = createHttpServer(opts);
    const ops = createOpsServer(opts);
    expect((await ops.inject('/healthz')).statusCode).toBe(200);
    const ready = await ops.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ kafka: true, mongodb: true });
    await server.inject('/healthz');
    const metrics = await ops.inject('/metrics');
    expect(metrics.body).toContain('keyguard_http_requests_total{method="GET",route="/healthz",status="200",service="test-service"}');
  });

  it("logs a request's lines with its reqId and the redaction, though its logger is made only when it logs", async () => {
    const lines: string[] = [];
    const server = createHttpServer(options(true, lines));
    server.get('/quiet', async () => ({ ok: true }));
    server.get('/talks', async (request) => {
      request.log.warn({ authorization: 'Bearer secret-value', n: 1 }, 'said something');
      request.log.child({ step: 2 }).info('and more');
      return { ok: request.log.level === 'info' };
    });
    expect((await server.inject('/quiet')).statusCode).toBe(200);
    expect(lines).toEqual([]);
    const res = await server.inject({ url: '/talks', headers: { 'x-request-id': 'req-42' } });
    expect(res.json()).toEqual({ ok: true });
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({ level: 'warn', reqId: 'req-42', n: 1, msg: 'said something' });
    expect(JSON.stringify(first)).not.toContain('secret-value');
    expect(second).toMatchObject({ level: 'info', reqId: 'req-42', step: 2, msg: 'and more' });
  });

  it('answers 503 from /readyz when a dependency is down, naming it', async () => {
    const res = await createOpsServer(options(false)).inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not_ready', checks: { kafka: false, mongodb: true } });
  });

  it('listens on METRICS_PORT, else the main port + 1100 (any free port when the main one is), and closes with the app', async () => {
    expect(metricsPortFor({ PORT: 8080 })).toBe(9180);
    expect(metricsPortFor({ PORT: 8080, METRICS_PORT: 9999 })).toBe(9999);
    expect(metricsPortFor({ PORT: 0 })).toBe(0);
    const server = app();
    const port = await listenOps(server, { host: '127.0.0.1', port: 0 });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await server.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('is not ready while a consumer has not joined its group, and shows what the consumer holds', async () => {
    let consumer = { ready: false, groupId: 'keyguard.policy', state: 'joining', assignment: {} };
    const ops = createOpsServer({
      service: 'policy',
      logger: createLogger({ name: 't', level: 'silent' }),
      metrics: createMetrics('policy'),
      readiness: { kafka: async () => true, consumer: () => consumer },
    });
    const joining = await ops.inject('/readyz');
    expect(joining.statusCode).toBe(503);
    expect(joining.json().checks.consumer).toMatchObject({ ready: false, state: 'joining' });
    consumer = { ready: true, groupId: 'keyguard.policy', state: 'member', assignment: { 'keyguard.exposures.v1': [0, 1] } };
    const member = await ops.inject('/readyz');
    expect(member.statusCode).toBe(200);
    expect(member.json()).toMatchObject({
      status: 'ready',
      checks: { kafka: true, consumer: { state: 'member', assignment: { 'keyguard.exposures.v1': [0, 1] } } },
    });
  });

  it('counts a check that hangs or throws as not ready instead of hanging /readyz', async () => {
    const ops = createOpsServer({
      service: 'hanging',
      logger: createLogger({ name: 't', level: 'silent' }),
      metrics: createMetrics('hanging'),
      readiness: { mongodb: () => new Promise<boolean>(() => {}), kafka: async () => Promise.reject(new Error('down')) },
    });
    const res = await ops.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ mongodb: false, kafka: false });
  });

  it('never leaks a 5xx message', async () => {
    const res = await app().inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error', message: 'internal error' });
  });

  it('logs a failed request by route, never with its query string', async () => {
    const lines: string[] = [];
    await app(true, lines).inject('/boom?q=PMAK-planted-in-a-query');
    const logged = lines.join('');
    expect(logged).toContain('"route":"/boom"');
    expect(logged).not.toContain('planted-in-a-query');
  });

  it('maps HttpError to its status, code and details', async () => {
    const res = await app().inject('/conflict');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'EXPOSED_KEYS_EXIST', message: 'exposed keys exist', exposedCount: 2 });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await app().inject('/nope?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'no route for GET /nope' });
  });
});
