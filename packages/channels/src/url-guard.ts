import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a channel may point at. Without KEYGUARD_ALLOW_PRIVATE_WEBHOOKS=true only
 * public unicast addresses: loopback, private (RFC 1918, unique-local), link-local (cloud
 * metadata lives there), carrier-grade NAT, multicast, unspecified and reserved ranges are
 * refused, for IP literals and for every address a host name resolves to (ipaddr.js names
 * the ranges). The delivery worker checks again at connect time (DNS can change).
 */
export class ChannelUrlError extends Error {
  readonly code = 'INVALID_CHANNEL_URL';
  constructor(message: string) {
    super(message);
    this.name = 'ChannelUrlError';
  }
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Syntax only: http(s), a host, no credentials in the URL. */
export function parseChannelUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ChannelUrlError('url: not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ChannelUrlError('url: only http and https URLs are allowed');
  if (url.username || url.password) throw new ChannelUrlError('url: credentials in the URL are not allowed');
  if (!url.hostname) throw new ChannelUrlError('url: a host is required');
  return url;
}

const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

export type Resolver = (hostname: string) => Promise<string[]>;
const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Validates a channel URL: syntax, then (unless private addresses are allowed) every address it reaches. */
export async function checkChannelUrl(raw: string, { allowPrivate, resolve = systemResolver }: { allowPrivate: boolean; resolve?: Resolver }): Promise<URL> {
  const url = parseChannelUrl(raw);
  if (allowPrivate) return url;
  const host = bareHost(url.hostname);
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new ChannelUrlError(`url: the host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw new ChannelUrlError(
      'url: private, loopback and link-local addresses are refused (an operator can allow them with KEYGUARD_ALLOW_PRIVATE_WEBHOOKS=true)',
    );
  }
  return url;
}
