import { verifyKey } from '@keyguard/contract';
import type { FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Api } from '../context.js';
import { fastSerializerCompiler, validatorCompiler } from '../schema-compilers.js';
import { VERIFY_BODY_LIMIT, type VerifySteps } from '../verify-steps.js';

/**
 * POST /keys/verify, for callers that cannot embed @keyguard/verify: authenticated by a service
 * token with scope keys:verify or an admin's key (not by a session: machines call it), answered
 * from the key-state table, failed calls throttled per caller. Each step is `steps`'
 * (verify-steps.ts), which the hot path below Fastify (verify-fast-path.ts) runs too: this route
 * is the reference, what the OpenAPI document describes, and what answers when the hot path is
 * off (VERIFY_FAST_PATH=false) or does not take a request (a body that is not `application/json`).
 */
export async function verifyRoutes(app: Api, steps: VerifySteps): Promise<void> {
  await app.register(async (scope) => {
    scope.decorateRequest('verifyCaller', null);
    scope.setSerializerCompiler(fastSerializerCompiler);
    const bodyCompiler: FastifySchemaCompiler<z.ZodType> = (route) => (route.httpPart === 'body' ? steps.body : validatorCompiler(route));
    scope.setValidatorCompiler(bodyCompiler);
    // Who calls is settled from the headers, before the body is read: an unknown caller costs no
    // parsing, and a known one's malformed bodies count against it, not against its address.
    scope.addHook('onRequest', (request, reply, done) => steps.admit(request, reply, done));
    // Synchronous unless the call failed: a hot route's successes cost no promise here.
    scope.addHook('onResponse', (request, reply, done) => steps.settled(request, reply.statusCode, done));
    scope.withTypeProvider<ZodTypeProvider>().route({
      ...verifyKey,
      bodyLimit: VERIFY_BODY_LIMIT,
      // Not async: an answer from the table is sent synchronously (Fastify sends a returned value).
      handler: (request) => steps.answer(request, request.body),
    });
  });
}
