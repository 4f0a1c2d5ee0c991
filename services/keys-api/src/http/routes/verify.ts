import { verifyKey } from '@keyguard/contract';
import { isApiKeyFormat } from '@keyguard/keys';
import type { FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Api, ApiContext } from '../context.js';
import { fastSerializerCompiler, validatorCompiler } from '../schema-compilers.js';

/** The largest verification request taken (a key is 64 characters); more is a 413. */
const VERIFY_BODY_LIMIT = 4096;

/**
 * The body almost every call sends — an object whose `key` has the API key format — is what the
 * contract's zod schema accepts, and gives back as `{ key }`, so it is taken as that without a zod
 * parse (a tenth of the route's CPU); anything else goes through zod, for the 400 naming why.
 */
const verifyBodyCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const full = validatorCompiler(route);
  if (route.httpPart !== 'body') return full;
  return (data) => {
    const key = typeof data === 'object' && data !== null ? (data as { key?: unknown }).key : undefined;
    return typeof key === 'string' && isApiKeyFormat(key) ? { value: { key } } : full(data);
  };
};

/**
 * POST /keys/verify, for callers that cannot embed @keyguard/verify: authenticated by a service
 * token with scope keys:verify or an admin's key (not by a session: machines call it), answered
 * from the key-state table, failed calls throttled per caller.
 */
export async function verifyRoutes(app: Api, ctx: ApiContext): Promise<void> {
  await app.register(async (scope) => {
    scope.decorateRequest('verifyCaller', null);
    scope.setSerializerCompiler(fastSerializerCompiler);
    scope.setValidatorCompiler(verifyBodyCompiler);
    // Who calls is settled from the headers, before the body is read: an unknown caller costs no
    // parsing, and a known one's malformed bodies count against it, not against its address.
    scope.addHook('onRequest', (request, reply, done) => ctx.verifyCallers.admit(request, reply, done));
    // Synchronous unless the call failed: a hot route's successes cost no promise here.
    scope.addHook('onResponse', (request, reply, done) => {
      if (!ctx.verifyCallers.isFailure(reply.statusCode)) return done();
      ctx.verifyCallers.countFailure(request).then(
        () => done(),
        (err: Error) => done(err),
      );
    });
    scope.withTypeProvider<ZodTypeProvider>().route({
      ...verifyKey,
      bodyLimit: VERIFY_BODY_LIMIT,
      // Not async: an answer from the table is sent synchronously (Fastify sends a returned value).
      handler: (request) => ctx.verification.verify(request.body.key, request.verifyCaller!.teamId),
    });
  });
}
