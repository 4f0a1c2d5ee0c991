import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@keyguard/logger';
import { createHttpServer, createMetrics, HttpError } from '../src/index.js';

function app(ready = true, logLines: string[] = []) {
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const server = createHttpServer({
    service: 'test-service',
    logger: createLogger({ name: 't', destination }),
    metrics: createMetrics('test-service'),
    readiness: { kafka: async () => ready, mongodb: async () => true },
  });
  server.get('/boom', async () => {
    throw new Error('secret internals: mongodb://user:pass@host');
  });
  server.get('/conflict', async () => {
    throw new HttpError(409, 'EXPOSED_KEYS_EXIST', 'exposed keys exist', { exposedCount: 2 });
  });
  return server;
}

describe('createHttpServer', () => {
  it('serves /healthz, /readyz and /metrics', async () => {
    const server = app();
    expect((await server.inject('/healthz')).json()).toEqual({ status: 'ok', service: 'test-service' });
    const ready = await server.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ kafka: true, mongodb: true });
    await server.inject('/healthz');
    const metrics = await server.inject('/metrics');
    expect(metrics.body).toContain('keyguard_http_requests_total{method="GET",route="/healthz",status="200",service="test-service"}');
  });

  it('answers 503 from /readyz when a dependency is down, naming it', async () => {
    const res = await app(false).inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'not_ready', checks: { kafka: false, mongodb: true } });
  });

  it('is not ready while a consumer has not joined its group, and shows what the consumer holds', async () => {
    let consumer = { ready: false, groupId: 'keyguard.policy', state: 'joining', assignment: {} };
    const server = createHttpServer({
      service: 'policy',
      logger: createLogger({ name: 't', level: 'silent' }),
      metrics: createMetrics('policy'),
      readiness: { kafka: async () => true, consumer: () => consumer },
    });
    const joining = await server.inject('/readyz');
    expect(joining.statusCode).toBe(503);
    expect(joining.json().checks.consumer).toMatchObject({ ready: false, state: 'joining' });
    consumer = { ready: true, groupId: 'keyguard.policy', state: 'member', assignment: { 'keyguard.exposures.v1': [0, 1] } };
    const member = await server.inject('/readyz');
    expect(member.statusCode).toBe(200);
    expect(member.json()).toMatchObject({ status: 'ready', checks: { kafka: true, consumer: { state: 'member', assignment: { 'keyguard.exposures.v1': [0, 1] } } } });
  });

  it('counts a check that hangs or throws as not ready instead of hanging /readyz', async () => {
    const server = createHttpServer({
      service: 'hanging',
      logger: createLogger({ name: 't', level: 'silent' }),
      metrics: createMetrics('hanging'),
      readiness: { mongodb: () => new Promise<boolean>(() => {}), kafka: async () => Promise.reject(new Error('down')) },
    });
    const res = await server.inject('/readyz');
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
