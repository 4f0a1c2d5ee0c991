import { type LookupAddress, lookup } from 'node:dns';
import { isIP } from 'node:net';
import { isPublicAddress } from '@keyguard/channels';
import { Agent, request } from 'undici';

export interface WebhookResponse {
  status: number;
}

export interface WebhookClient {
  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResponse>;
  close(): Promise<void>;
}

export class RefusedAddressError extends Error {
  readonly code = 'REFUSED_ADDRESS';
  constructor() {
    super('the channel URL reaches a private, loopback or link-local address');
    this.name = 'RefusedAddressError';
  }
}

/**
 * POSTs to channel URLs through undici with the address rule applied where the connection is
 * made: the DNS answer used to connect is the one checked (no window for a rebinding between
 * a check and the request). Redirects are not followed; every request has a timeout.
 */
export function createWebhookClient({ allowPrivate, timeoutMs }: { allowPrivate: boolean; timeoutMs: number }): WebhookClient {
  const agent = new Agent({
    connect: {
      timeout: timeoutMs,
      lookup(hostname, options, callback) {
        lookup(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 0);
          const list = addresses as unknown as LookupAddress[];
          if (!allowPrivate && (list.length === 0 || !list.every((a) => isPublicAddress(a.address)))) return callback(new RefusedAddressError(), '', 0);
          if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
          return callback(null, list[0]!.address, list[0]!.family);
        });
      },
    },
  });
  return {
    async post(url, body, headers) {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && isIP(host) && !isPublicAddress(host)) throw new RefusedAddressError();
      const response = await request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'Keyguard-Webhooks/1', ...headers },
        dispatcher: agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body.dump();
      return { status: response.statusCode };
    },
    close: () => agent.close(),
  };
}
