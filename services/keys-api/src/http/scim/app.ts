import { type ScimError, ScimSchemas, scimMediaType } from '@keyguard/contract';
import { HttpError } from '@keyguard/runtime';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ScimError as PatchError } from 'scim-patch';
import { ScimProblem } from '../../domain/scim.js';
import type { ApiContext } from '../context.js';
import { discoveryRoutes } from './discovery.js';
import { groupRoutes } from './groups.js';
import { userRoutes } from './users.js';

export const scimPrefix = '/scim/v2';

/** Where this server's SCIM resources are, as the caller reached it (for `meta.location`). */
export const scimBase = (request: FastifyRequest) => `${request.protocol}://${request.host}${scimPrefix}`;

/** Sends a SCIM answer (`application/scim+json`). */
export const scimSend = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).type(`${scimMediaType}; charset=utf-8`).send(body);

function errorBody(status: number, detail: string, scimType?: ScimError['scimType']): ScimError {
  return { schemas: [ScimSchemas.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** Every error of /scim/v2 in the RFC 7644 §3.12 shape; a 5xx never carries the underlying message. */
function toScimError(error: FastifyError | Error, request: FastifyRequest): { status: number; body: ScimError } {
  if (error instanceof ScimProblem) return { status: error.status, body: errorBody(error.status, error.message, error.scimType) };
  if (error instanceof PatchError) {
    const scimType = error.scimCode === 'noTarget' || error.scimCode === 'invalidPath' || error.scimCode === 'invalidValue' ? error.scimCode : 'invalidSyntax';
    return { status: 400, body: errorBody(400, `PATCH: ${error.message}`, scimType) };
  }
  const status = error instanceof HttpError ? error.statusCode : ((error as FastifyError).statusCode ?? 500);
  if (status >= 500) {
    request.log.error({ err: error }, 'unhandled SCIM error');
    return { status, body: errorBody(status, 'internal error') };
  }
  const scimType = status === 400 ? 'invalidSyntax' : undefined;
  return { status, body: errorBody(status, error.message, scimType) };
}

/**
 * SCIM 2.0 at /scim/v2 for identity providers: Users, Groups (mapped to roles) and the
 * discovery endpoints. Callers authenticate with a SCIM API key; requests are JSON or
 * `application/scim+json`, answers `application/scim+json`.
 */
export async function registerScim(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.decorateRequest('scimCaller', null);
  await app.register(
    async (scope) => {
      scope.addContentTypeParser(scimMediaType, { parseAs: 'string' }, scope.getDefaultJsonParser('error', 'error'));
      scope.setErrorHandler((error: FastifyError, request, reply) => {
        const { status, body } = toScimError(error, request);
        if (status === 401) reply.header('www-authenticate', 'Bearer realm="keyguard-scim"');
        return scimSend(reply, status, body);
      });
      const noEndpoint = (request: FastifyRequest, reply: FastifyReply) =>
        scimSend(reply, 404, errorBody(404, `no SCIM endpoint ${request.method} ${request.url.split('?')[0]}`));
      scope.setNotFoundHandler(noEndpoint);
      scope.addHook('preValidation', async (request, reply) => {
        await ctx.throttle.guard(request, reply, () => ctx.scimCallers.authenticate(request));
      });
      discoveryRoutes(scope);
      userRoutes(scope, ctx);
      groupRoutes(scope, ctx);
      // Ahead of the dashboard's catch-all: an unknown SCIM path is a SCIM 404, not the dashboard page.
      scope.all('/*', async (request, reply) => noEndpoint(request, reply));
    },
    { prefix: scimPrefix },
  );
}
