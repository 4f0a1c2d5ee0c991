import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkAnswer, contractViolations, watchContract } from '../src/contract.js';

/** An app whose answers can break its own document (no zod serializer): what the watcher must catch. */
async function appWithDocument() {
  const app = Fastify();
  watchContract(app);
  await app.register(
    async (scope) => {
      scope.setValidatorCompiler(validatorCompiler);
      scope.setSerializerCompiler(() => (data) => JSON.stringify(data));
      await scope.register(fastifySwagger, {
        openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } },
        transform: (d) => jsonSchemaTransform({ ...d, url: d.url.slice('/api/v1'.length) }),
      });
      const api = scope.withTypeProvider<ZodTypeProvider>();
      const Thing = z.object({ id: z.string(), count: z.number().int() });
      api.get('/things/:id', { schema: { params: z.object({ id: z.string() }), response: { 200: Thing } } }, async (request, reply) => {
        if (request.params.id === 'teapot') return reply.code(418 as 200).send({ id: 'x', count: 1 });
        if (request.params.id === 'bad') return reply.send({ id: 7 } as never);
        return { id: request.params.id, count: 1 };
      });
      api.delete('/things/:id', { schema: { response: { 204: z.undefined() } } }, async (_request, reply) => reply.code(204).send());
    },
    { prefix: '/api/v1' },
  );
  return app;
}

afterEach(() => {
  contractViolations.length = 0;
});

describe('the contract watcher', () => {
  it('accepts answers that match the document', async () => {
    const app = await appWithDocument();
    expect((await app.inject({ method: 'GET', url: '/api/v1/things/a' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/things/a' })).statusCode).toBe(204);
    expect(contractViolations).toEqual([]);
  });

  it('records an undocumented status and a body the schema refuses', async () => {
    const app = await appWithDocument();
    await app.inject({ method: 'GET', url: '/api/v1/things/teapot' });
    await app.inject({ method: 'GET', url: '/api/v1/things/bad' });
    expect(contractViolations).toEqual([
      expect.objectContaining({ route: '/api/v1/things/:id', status: 418, problem: expect.stringContaining('status 418 is not documented') }),
      expect.objectContaining({ route: '/api/v1/things/:id', status: 200, problem: expect.stringMatching(/count|id/) }),
    ]);
  });

  it('leaves answers outside the API alone (an unknown path has no route to document it under)', async () => {
    const app = await appWithDocument();
    expect((await app.inject({ method: 'GET', url: '/api/v1/nothing' })).statusCode).toBe(404);
    expect(contractViolations).toEqual([]);
  });

  it('says which operation is missing from the document', () => {
    expect(checkAnswer({ paths: {} }, '/x', 'GET', 200, 'application/json', '{}')).toBe('GET /x is not in the document');
  });
});
