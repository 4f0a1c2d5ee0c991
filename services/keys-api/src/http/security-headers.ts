import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The browser's rules for everything keys-api answers (issue 10, item 8), set by
 * @fastify/helmet on every answer — pages, assets, API answers and errors alike:
 * - a Content-Security-Policy that fits the built dashboard: its own scripts, styles and API
 *   only (no inline script, no eval), the inline SVG favicon (data:), never framed;
 * - X-Frame-Options: DENY and frame-ancestors 'none' (no clickjacking of Revoke All);
 * - X-Content-Type-Options: nosniff; Referrer-Policy: no-referrer (a URL never leaves);
 * - Strict-Transport-Security only when served over HTTPS (SESSION_COOKIE_SECURE).
 * Every /api answer is also `Cache-Control: no-store`: some show a key once, all show team data.
 */
export async function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
