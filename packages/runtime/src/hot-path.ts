import { createServer, type IncomingMessage, type ServerOptions as HttpServerOptions, type ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyServerFactory } from 'fastify';

/**
 * A request listener that answers some requests itself, below Fastify: it returns true when it
 * took the request (and answers it), false to leave it to Fastify untouched — decided from the
 * method, URL and headers alone, before any byte of the body is read.
 */
export type HotPath = (request: IncomingMessage, response: ServerResponse) => boolean;

/** The options Fastify hands its serverFactory, defaults applied (the ones an HTTP/1 server takes). */
interface ServerOptions {
  http?: HttpServerOptions | null;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket?: number;
}

/**
 * Fastify's `serverFactory` (its documented way to own the server) for a plain HTTP/1 server set
 * up exactly as Fastify sets up its own (keep-alive, request and connection timeouts, requests
 * per socket), whose requests `hotPath()` sees first. `hotPath` is read per request, so the
 * handler can be installed once the routes it shares code with exist; undefined means none.
 */
export function hotPathServer(hotPath: () => HotPath | undefined): FastifyServerFactory {
  return (fastify, opts) => {
    const options = opts as unknown as ServerOptions;
    const server = createServer(options.http ?? {}, (request, response) => {
      if (hotPath()?.(request, response)) return;
      fastify(request, response);
    });
    // What Fastify's own getServerInstance does for an HTTP/1 server (its options have defaults by now).
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    if ((options.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket!;
    return server;
  };
}

/** The trustProxy value Fastify is given (`trustProxyOption` of http-server.ts). */
type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/**
 * The client's address as Fastify's `request.ip` gives it for the same trustProxy setting: the
 * socket's peer, or with trusted proxies the last address X-Forwarded-For names that they vouch
 * for (@fastify/proxy-addr, what Fastify itself uses).
 */
export function clientAddressFor(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  if (!trustProxy) return (request) => request.socket.remoteAddress ?? '';
  const trust =
    typeof trustProxy === 'function' ? trustProxy : trustProxy === true ? () => true : proxyAddr.compile(trustProxy.split(',').map((it) => it.trim()));
  return (request) => proxyAddr(request, trust);
}
