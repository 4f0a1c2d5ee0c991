import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** services/dashboard/dist, found relative to this package (src/ or dist/ alike). */
export const defaultDashboardDir = () => fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Keyguard</title>
<h1>Keyguard</h1><p>The dashboard is not built yet. Run <code>npx turbo run build --filter=@keyguard/dashboard</code>, then reload.
The API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>`;

/** Served on the operations port only; here a plain 404, never the dashboard page (a scraper would read HTML). */
const operationsPaths = new Set(['/readyz', '/metrics']);

/**
 * Serves the dashboard's built files at `/`, with the single-page-app fallback to index.html
 * for every other non-API GET; unknown /api paths and source maps are JSON 404s.
 */
export async function registerDashboard(app: FastifyInstance, dir: string): Promise<void> {
  const built = existsSync(dir) && existsSync(`${dir.replace(/\/$/, '')}/index.html`);
  // Source maps are never served (the production build makes none; a stray one stays private).
  if (built) await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'], allowedPath: (path) => !path.endsWith('.map') });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path.endsWith('.map') || operationsPaths.has(path)) return reply.callNotFound();
    if (!built) return reply.type('text/html; charset=utf-8').send(notBuilt);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  if (!built) app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(notBuilt));
}
