import fastifySwagger from '@fastify/swagger';
import { getOpenApi, openApiInfo, securitySchemes } from '@keyguard/contract';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiContext } from './context.js';
import { auditRoutes } from './routes/audit.js';
import { findingRoutes } from './routes/findings.js';
import { insightsRoutes } from './routes/insights.js';
import { keyRoutes } from './routes/keys.js';
import { notificationChannelRoutes } from './routes/notification-channels.js';
import { scanRoutes } from './routes/scans.js';
import { scimTokenRoutes } from './routes/scim-tokens.js';
import { serviceTokenRoutes } from './routes/service-tokens.js';
import { sessionRoutes } from './routes/session.js';
import { settingsRoutes } from './routes/settings.js';
import { ssoRoutes } from './routes/sso.js';
import { userRoutes } from './routes/users.js';
import { verifyRoutes } from './routes/verify.js';
import { serializerCompiler, validatorCompiler } from './schema-compilers.js';

export const apiPrefix = '/api/v1';

type Document = OpenAPIV3_1.Document;

/** The provider lists an input and an output variant of every named schema; keep the ones a path uses. */
function withoutUnusedSchemas(document: Document): Document {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (name && !used.has(name)) {
        used.add(name);
        visit(JSON.stringify(schemas[name]));
      }
    }
  };
  visit(JSON.stringify(document.paths));
  return { ...document, components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) } };
}

/**
 * Mounts /api/v1: every route takes its schema from @keyguard/contract, and the OpenAPI 3.1
 * document is generated from those schemas (paths relative to the `/api/v1` server). Answers
 * `openApi()`, that document (once the app is ready).
 */
export async function registerApi(app: FastifyInstance, ctx: ApiContext): Promise<{ openApi: () => unknown }> {
  app.decorateRequest('principal', null);
  let openApi: () => unknown = () => {
    throw new Error('the OpenAPI document exists once the app is ready');
  };
  await app.register(
    async (scope) => {
      scope.setValidatorCompiler(validatorCompiler);
      scope.setSerializerCompiler(serializerCompiler);
      await scope.register(fastifySwagger, {
        openapi: {
          openapi: '3.1.0',
          info: openApiInfo,
          servers: [{ url: apiPrefix }],
          security: [{ bearer: [] }, { apiKey: [] }, { session: [] }],
          components: { securitySchemes },
        },
        transform: (document) => jsonSchemaTransform({ ...document, url: document.url.slice(apiPrefix.length) || '/' }),
        transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document) as Document),
      });
      const api = scope.withTypeProvider<ZodTypeProvider>();
      openApi = () => scope.swagger();
      api.route({ ...getOpenApi, handler: async () => scope.swagger() as { openapi: string } });
      sessionRoutes(api, ctx);
      ssoRoutes(api, ctx);
      // Machines verifying keys authenticate their own way (service tokens), outside `secured`.
      await verifyRoutes(api, ctx.verifySteps);
      await api.register(async (secured) => {
        secured.addHook('preValidation', (request, reply) => ctx.throttle.guard(request, reply, () => ctx.auth.authenticate(request, reply)));
        const routes = secured.withTypeProvider<ZodTypeProvider>();
        userRoutes(routes, ctx);
        keyRoutes(routes, ctx);
        findingRoutes(routes, ctx);
        settingsRoutes(routes, ctx);
        notificationChannelRoutes(routes, ctx);
        auditRoutes(routes, ctx);
        insightsRoutes(routes, ctx);
        scanRoutes(routes, ctx);
        serviceTokenRoutes(routes, ctx);
        scimTokenRoutes(routes, ctx);
      });
    },
    { prefix: apiPrefix },
  );
  return { openApi: () => openApi() };
}
