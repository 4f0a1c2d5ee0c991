import type { ActorRef, ScimTokenDoc } from '@keyguard/store';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ScimProblem } from '../../domain/scim.js';

/** A request part through its contract schema; a mismatch is a SCIM 400 naming the paths (never the values). */
export function scimParse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new ScimProblem(400, 'invalidValue', `${what}: ${issues}`);
}

/** The SCIM API key the request was authenticated with (the preValidation hook set it). */
export function callerOf(request: FastifyRequest): ScimTokenDoc {
  if (!request.scimCaller) throw new ScimProblem(401, undefined, 'a SCIM API key is required');
  return request.scimCaller;
}

/** Who the audit log names for what the identity provider did. */
export const scimActor = (token: ScimTokenDoc): ActorRef => ({ type: 'system', id: token._id, name: `SCIM: ${token.name}` });

/** RFC 7644 §3.4.2.4: startIndex is 1-based. */
export const listResponse = <T>(resources: T[], total: number, startIndex: number) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] as const,
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});

/** `excludedAttributes=members`: Entra ID asks for groups without their (possibly long) member list. */
export const excludes = (query: { excludedAttributes?: string | undefined }, attribute: string): boolean =>
  (query.excludedAttributes ?? '')
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .includes(attribute.toLowerCase());
