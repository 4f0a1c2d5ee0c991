import { createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '@keyguard/logger';

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
  /** An unknown identifier refetches the keys at most this often (a forged id cannot hammer the endpoint). */
  minRefetchIntervalMs?: number;
  fetchTimeoutMs?: number;
}

export type VerifyResult =
  | { ok: true; keyIdentifier: string }
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

export function createPartnerAlertVerifier(options: PartnerAlertVerifierOptions): PartnerAlertVerifier {
  const prefix = options.headerPrefix.toLowerCase();
  const idHeader = `${prefix}-public-key-identifier`;
  const sigHeader = `${prefix}-public-key-signature`;
  const minInterval = options.minRefetchIntervalMs ?? 1000;
  const keys = new Map<string, KeyObject>();
  let lastFetch = 0;
  let fetches = 0;
  let inFlight: Promise<void> | undefined;

  async function load(): Promise<void> {
    fetches += 1;
    lastFetch = Date.now();
    const response = await fetch(options.keysUrl, {
      headers: { accept: 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      signal: AbortSignal.timeout(options.fetchTimeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`keys endpoint answered ${response.status}`);
    const document = PublicKeysDocument.parse(await response.json());
    for (const entry of document.public_keys) {
      try {
        keys.set(entry.key_identifier, createPublicKey(entry.key));
      } catch (error) {
        options.logger.warn({ err: error, keyIdentifier: entry.key_identifier }, 'unusable partner public key');
      }
    }
  }

  /** Single-flight refetch; rate-limited unless nothing is cached yet. */
  async function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    if (keys.size > 0 && Date.now() - lastFetch < minInterval) return;
    inFlight = load().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    async verify(rawBody, headers) {
      const keyIdentifier = header(headers, idHeader)?.trim();
      const signature = header(headers, sigHeader)?.trim();
      if (!keyIdentifier || !signature) {
        return { ok: false, status: 401, code: 'missing_signature', message: `${idHeader} and ${sigHeader} are required` };
      }
      let key = keys.get(keyIdentifier);
      if (!key) {
        try {
          await refresh();
        } catch (error) {
          options.logger.error({ err: error, keysUrl: options.keysUrl }, 'could not fetch partner public keys');
          return { ok: false, status: 503, code: 'partner_keys_unavailable', message: 'public keys could not be fetched; retry later' };
        }
        key = keys.get(keyIdentifier);
      }
      if (!key) return { ok: false, status: 401, code: 'unknown_key_identifier', message: `no public key with identifier ${keyIdentifier.slice(0, 80)}` };
      const der = Buffer.from(signature, 'base64');
      let valid = false;
      try {
        valid = der.length > 0 && verifySignature('sha256', rawBody, { key, dsaEncoding: 'der' }, der);
      } catch {
        valid = false;
      }
      if (!valid) return { ok: false, status: 401, code: 'invalid_signature', message: 'signature does not match the body' };
      return { ok: true, keyIdentifier };
    },
    cachedIdentifiers: () => [...keys.keys()],
    fetchCount: () => fetches,
  };
}
