import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
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
 *
 * helmet itself, run once: @fastify/helmet builds a new helmet middleware on every request
 * (for per-route options and CSP nonces, which we use neither of), and that was 6 % of the CPU
 * POST /keys/verify took under load (`npm run bench:verify`).
 * Answers the headers of an /api answer, for the answers the hot path (verify-fast-path.ts) sends.
 */
export function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): { api: Readonly<Record<string, string>> } {
  const setHeaders = helmet({
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
  // helmet (since 8.1) throws a bad setting at construction and never passes an error to `next`.
  // Nothing here depends on the request (no nonces), so helmet runs once, into a plain object,
  // and every answer gets a copy through Fastify's own header map — one hook, no per-request
  // middleware chain (that chain was 5 % of the CPU POST /keys/verify took).
  const headers = helmetHeaders(setHeaders);
  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
    done();
  });
  // What every /api answer carries: the hot path below Fastify sends these too.
  return { api: Object.freeze({ ...apiHeaders }) };
}

/** The headers helmet sets, collected from one run against a stand-in response. */
function helmetHeaders(setHeaders: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let ran = false;
  setHeaders({} as IncomingMessage, response as unknown as ServerResponse, () => {
    ran = true;
  });
  if (!ran) throw new Error('helmet did not finish synchronously');
  return headers;
}
