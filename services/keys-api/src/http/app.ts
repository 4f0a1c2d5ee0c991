import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './context.js';
import { openApiDocument } from './openapi.js';
import { auditRoutes } from './routes/audit.js';
import { findingRoutes } from './routes/findings.js';
import { keyRoutes } from './routes/keys.js';
import { notificationChannelRoutes } from './routes/notification-channels.js';
import { sessionRoutes } from './routes/session.js';
import { settingsRoutes } from './routes/settings.js';
import { userRoutes } from './routes/users.js';

/** Mounts /api/v1: the open routes (OpenAPI document, session) and the authenticated rest. */
export async function registerApi(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.decorateRequest('principal', null);
  await app.register(
    async (api) => {
      api.get('/openapi.json', async () => openApiDocument);
      sessionRoutes(api, ctx);
      await api.register(async (secured) => {
        secured.addHook('preHandler', ctx.auth.authenticate);
        userRoutes(secured, ctx);
        keyRoutes(secured, ctx);
        findingRoutes(secured, ctx);
        settingsRoutes(secured, ctx);
        notificationChannelRoutes(secured, ctx);
        auditRoutes(secured, ctx);
      });
    },
    { prefix: '/api/v1' },
  );
}
