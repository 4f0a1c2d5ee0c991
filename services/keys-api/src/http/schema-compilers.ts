import { HttpError } from '@keyguard/runtime';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Requests are validated by the route's zod schema; a bad one is a 400 `invalid_request` naming
 * the fields and what is wrong with them — never echoing the values (one may be a key).
 * A missing body reads as `{}`, so an empty POST names the fields it lacks.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(httpPart === 'body' ? (data ?? {}) : data, { reportInput: false });
    if (result.success) return { value: result.data };
    const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { error: new HttpError(400, 'invalid_request', issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), { issues }) };
  };

/**
 * Answers are encoded through the route's zod schema for their status: what the contract does not
 * name is left out, and an answer that breaks the contract is a 500 rather than a surprise.
 */
export const serializerCompiler = createSerializerCompiler();

/**
 * For a hot route's 200 (POST /keys/verify): fast-json-stringify compiled from the same zod
 * schema's JSON Schema — it too writes only what the contract names, without a zod parse per
 * answer (that parse was a tenth of the route's CPU). The handler's type is the contract's, and
 * tests check every answer against the contract; other statuses keep the zod serializer.
 */
export const fastSerializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  if (String(route.httpStatus) !== '200') return serializerCompiler(route);
  return fastJson(z.toJSONSchema(route.schema, { io: 'output', target: 'draft-7' }) as Parameters<typeof fastJson>[0]);
};
