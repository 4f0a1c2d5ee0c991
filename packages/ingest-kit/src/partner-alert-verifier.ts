import { createPublicKey, KeyObject, verify as verifySignature } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '@keyguard/logger';
import { canonicalSignature } from './ecdsa-signature.js';
import { type UpstreamLimits, upstreamFetch } from './upstream.js';

/**
 * The ONE verifier for signed partner alerts. GitHub's Secret Scanning Partner Program and
 * GitLab's partner API use the same scheme: a base64 DER ECDSA P-256 signature over the SHA-256
 * of the raw body, in `<Prefix>-Public-Key-Signature`, made with the key named by
 * `<Prefix>-Public-Key-Identifier`, published at a keys URL as
 * `{ public_keys: [{ key_identifier, key (PEM), is_current }] }`.
 */
export const PublicKeysDocument = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string().min(1), key: z.string().min(1), is_current: z.boolean().optional() })),
});

export interface PartnerAlertVerifierOptions {
  /** Header prefix: `github` → `Github-Public-Key-Identifier`, `gitlab` → `Gitlab-Public-Key-Identifier`. */
  headerPrefix: string;
  keysUrl: string;
  /** Sent as `Authorization: Bearer` (GitHub rate-limits anonymous calls to the keys endpoint). */
  token?: string;
  logger: Logger;
  /** Time and size limits of one fetch of the keys document (default 5 s, 1 MiB). */
  limits?: UpstreamLimits;
  /**
   * The keys document is fetched at most this often, whatever identifiers requests name
   * (default 60 s): a sender of random identifiers cannot make us call the endpoint more often.
   */
  minRefetchIntervalMs?: number;
  /** After a failed fetch, no other before this long; it doubles with each failure up to `maxBackoffMs` (default 1 s … 5 min). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** The keys are fetched again once they are this old, and keys no longer listed are dropped (default 1 h). */
  refreshIntervalMs?: number;
  /** While the endpoint fails, keys fetched up to this long ago are still used (default 24 h). */
  maxStaleMs?: number;
  /** Identifiers known to be unknown (answered 401 without a fetch until the next refresh), at most this many (default 1000). */
  negativeCacheSize?: number;
}

export type VerifyResult =
  | { ok: true; keyIdentifier: string /** The canonical (low-S) signature, base64: both ECDSA twins give the same. */; signature: string }
  | { ok: false; status: 401 | 503; code: string; message: string };

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export interface PartnerAlertVerifier {
  verify(rawBody: Buffer, headers: Headers): Promise<VerifyResult>;
  /** Identifiers currently cached (for tests and metrics). */
  cachedIdentifiers(): string[];
  fetchCount(): number;
}

const unavailable = { ok: false, status: 503, code: 'partner_keys_unavailable', message: 'public keys could not be fetched; retry later' } as const;

/**
 * The key cache: keys by identifier from the last good fetch, replaced whole by each fetch (a
 * withdrawn key is gone at once). Fetches are single-flight and spaced: at most one per
 * `minRefetchIntervalMs`, and after failures only once the backoff has passed, however many
 * requests arrive meanwhile, so neither random identifiers nor an endpoint that answers
 * nothing usable turn into a fetch per request.
 */
export function createPartnerAlertVerifier(options: PartnerAlertVerifierOptions): PartnerAlertVerifier {
  const prefix = options.headerPrefix.toLowerCase();
  const idHeader = `${prefix}-public-key-identifier`;
  const sigHeader = `${prefix}-public-key-signature`;
  const limits = options.limits ?? { timeoutMs: 5000, maxBytes: 1024 * 1024 };
  const minInterval = options.minRefetchIntervalMs ?? 60_000;
  const initialBackoff = options.initialBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 5 * 60_000;
  const refreshInterval = options.refreshIntervalMs ?? 60 * 60_000;
  const maxStale = options.maxStaleMs ?? 24 * 60 * 60_000;
  const negativeSize = options.negativeCacheSize ?? 1000;

  let keys = new Map<string, KeyObject>();
  let loadedAt: number | undefined;
  let nextFetchAt = 0;
  let failures = 0;
  let fetches = 0;
  let inFlight: Promise<void> | undefined;
  const unknown = new Set<string>();

  async function load(): Promise<void> {
    fetches += 1;
    const response = await upstreamFetch(
      options.keysUrl,
      { headers: { accept: 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) } },
      limits,
    );
    if (!response.ok) throw new Error(`keys endpoint answered ${response.status}`);
    const document = PublicKeysDocument.parse(await response.json());
    const next = new Map<string, KeyObject>();
    for (const entry of document.public_keys) {
      try {
        next.set(entry.key_identifier, createPublicKey(entry.key));
      } catch (error) {
        options.logger.warn({ err: error, keyIdentifier: entry.key_identifier.slice(0, 80) }, 'unusable partner public key');
      }
    }
    const withdrawn = [...keys.keys()].filter((id) => !next.has(id));
    if (withdrawn.length > 0) options.logger.info({ withdrawn: withdrawn.map((id) => id.slice(0, 80)) }, 'partner public keys withdrawn');
    keys = next;
  }

  /** One fetch at a time, and none before `nextFetchAt`; resolves whether or not it worked. */
  function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    if (Date.now() < nextFetchAt) return Promise.resolve();
    inFlight = load()
      .then(() => {
        loadedAt = Date.now();
        failures = 0;
        nextFetchAt = loadedAt + minInterval;
        unknown.clear();
      })
      .catch((error: unknown) => {
        failures += 1;
        const backoff = Math.min(maxBackoff, initialBackoff * 2 ** (failures - 1));
        nextFetchAt = Date.now() + backoff;
        options.logger.error({ err: error, keysUrl: options.keysUrl, failures, retryInMs: backoff }, 'could not fetch partner public keys');
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  const usable = () => loadedAt !== undefined && Date.now() - loadedAt <= maxStale;

  async function keyFor(keyIdentifier: string): Promise<KeyObject | VerifyResult> {
    if (loadedAt === undefined || Date.now() - loadedAt >= refreshInterval) await refresh();
    if (!usable()) return unavailable;
    const known = keys.get(keyIdentifier);
    if (known) return known;
    const rejected = {
      ok: false,
      status: 401,
      code: 'unknown_key_identifier',
      message: `no public key with identifier ${keyIdentifier.slice(0, 80)}`,
    } as const;
    // Known to be unknown, or the keys were fetched a moment ago: no fetch for it.
    if (unknown.has(keyIdentifier) || (Date.now() < nextFetchAt && !inFlight)) return rejected;
    await refresh();
    const fetched = keys.get(keyIdentifier);
    if (fetched) return fetched;
    if (!usable()) return unavailable;
    if (unknown.size >= negativeSize) unknown.delete(unknown.values().next().value as string);
    unknown.add(keyIdentifier);
    return rejected;
  }

  return {
    async verify(rawBody, headers) {
      const keyIdentifier = header(headers, idHeader)?.trim();
      const signature = header(headers, sigHeader)?.trim();
      if (!keyIdentifier || !signature) {
        return { ok: false, status: 401, code: 'missing_signature', message: `${idHeader} and ${sigHeader} are required` };
      }
      const key = await keyFor(keyIdentifier);
      if (!(key instanceof KeyObject)) return key;
      const canonical = canonicalSignature(Buffer.from(signature, 'base64'));
      let valid = false;
      try {
        valid = canonical !== undefined && verifySignature('sha256', rawBody, { key, dsaEncoding: 'der' }, canonical);
      } catch {
        valid = false;
      }
      if (!valid || !canonical) return { ok: false, status: 401, code: 'invalid_signature', message: 'signature does not match the body' };
      return { ok: true, keyIdentifier, signature: canonical.toString('base64') };
    },
    cachedIdentifiers: () => [...keys.keys()],
    fetchCount: () => fetches,
  };
}
