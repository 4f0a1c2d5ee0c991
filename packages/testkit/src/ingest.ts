/**
 * Test helpers: local HTTP fixture servers that replay provider API responses (driven by the
 * real Octokit / Gitbeaker / fetch clients), and the signatures each provider puts on its
 * requests. Nothing here is used in production code.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string or Buffer. */
  body?: unknown;
  /** Wait before answering (timeouts, latency). */
  delayMs?: number;
}

export type FixtureHandler = (request: FixtureRequest) => FixtureResponse | Promise<FixtureResponse>;

export interface FixtureServer {
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: FixtureRequest[];
  /** Adds or replaces a route, keyed `METHOD /path` (path without query string). */
  route(key: string, handler: FixtureHandler | FixtureResponse): void;
  stop(): Promise<void>;
}

/**
 * Answers `METHOD /path` from a route table (exact match on the decoded path), else from
 * `fallback`, else 404 `{ message: 'Not Found' }` as GitHub and GitLab do.
 */
export async function startFixtureServer(
  routes: Record<string, FixtureHandler | FixtureResponse> = {},
  { fallback, port = 0 }: { fallback?: FixtureHandler; port?: number } = {},
): Promise<FixtureServer> {
  const table = new Map<string, FixtureHandler>();
  const add = (key: string, handler: FixtureHandler | FixtureResponse) => table.set(key, typeof handler === 'function' ? handler : () => handler);
  for (const [key, handler] of Object.entries(routes)) add(key, handler);
  const requests: FixtureRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fixture');
      const request: FixtureRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const handler = table.get(`${request.method} ${request.path}`) ?? fallback;
      let answer: FixtureResponse;
      try {
        answer = handler ? await handler(request) : { status: 404, body: { message: 'Not Found' } };
      } catch (error) {
        answer = { status: 500, body: { message: String(error) } };
      }
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      const raw = answer.body;
      const isRaw = typeof raw === 'string' || Buffer.isBuffer(raw);
      const payload = raw === undefined ? '' : isRaw ? raw : JSON.stringify(raw);
      res.writeHead(answer.status ?? 200, {
        'content-type': isRaw ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        ...answer.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests,
    route: add,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `X-Hub-Signature-256` for a GitHub webhook body. */
export function signGithubWebhook(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** `X-Postman-Signature` for a Postman event: HMAC over `<timestamp>.<raw body>`. */
export function signPostmanEvent(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export interface PartnerKeyPair {
  keyIdentifier: string;
  publicKeyPem: string;
  /** base64 DER ECDSA P-256 / SHA-256 signature, as GitHub and GitLab send it. */
  sign(body: string | Buffer): string;
}

/** A fresh P-256 key pair standing in for GitHub's or GitLab's signing key. */
export function createPartnerKeyPair(keyIdentifier: string): PartnerKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    keyIdentifier,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (body) => sign('sha256', Buffer.from(body), { key: privateKey, dsaEncoding: 'der' }).toString('base64'),
  };
}

/** `{ public_keys: [...] }` as GitHub's /meta/public_keys/secret_scanning answers. */
export function publicKeysDocument(...keys: { keyIdentifier: string; publicKeyPem: string; isCurrent?: boolean }[]) {
  return {
    public_keys: keys.map((k, i) => ({ key_identifier: k.keyIdentifier, key: k.publicKeyPem, is_current: k.isCurrent ?? i === keys.length - 1 })),
  };
}

/**
 * The sample request printed in GitHub's Secret Scanning Partner Program documentation, and
 * the public key GitHub publishes for its identifier (docs.github.com, "Implement signature
 * verification in your secret alert service").
 */
export const githubDocumentedSample = {
  keyIdentifier: 'bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c',
  signature: 'MEQCIQDaMKqrGnE27S0kgMrEK0eYBmyG0LeZismAEz/BgZyt7AIfXt9fErtRS4XaeSt/AO1RtBY66YcAdjxji410VQV4xg==',
  body: '[{"source":"commit","token":"some_token","type":"some_type","url":"https://example.com/base-repo-url/"}]',
  publicKeyPem:
    '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYAGMWO8XgCamYKMJS6jc/qgvSlAd\nAjPuDPRcXU22YxgBrz+zoN19MzuRyW87qEt9/AmtoNP5GrobzUvQSyJFVw==\n-----END PUBLIC KEY-----\n',
} as const;
