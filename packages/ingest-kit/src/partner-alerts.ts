import { hashToken, type Scanner } from '@keyguard/detectors';
import type { ExposureLocation, Provider } from '@keyguard/events';
import type { OutgoingMessage } from '@keyguard/bus';
import { z } from 'zod';
import { createKeyRepository, type Store } from '@keyguard/store';
import { exposureMessage, type FoundSecret } from './exposures.js';

/** One match in a GitHub (`{ token, type, url, source }`) or GitLab (`{ type, token, url }`) partner alert. */
export const PartnerMatch = z.object({
  token: z.string().min(1).max(4096),
  type: z.string().max(200).default(''),
  url: z.string().max(4096).default(''),
  source: z.string().max(100).optional(),
});
export type PartnerMatch = z.infer<typeof PartnerMatch>;
export const PartnerMatches = z.array(PartnerMatch).max(10_000);

/** GitHub's feedback entry: `token_hash` only (never the raw token). */
export interface PartnerFeedback {
  token_hash: string;
  token_type: string;
  label: 'true_positive' | 'false_positive';
}

/** Repository, commit and path from a GitHub blob URL or a GitLab blob/raw URL, when it is one. */
export function locateUrl(url: string): Pick<ExposureLocation, 'repository' | 'commit' | 'path'> {
  const github = /^https:\/\/github\.com\/([^/]+\/[^/]+)\/blob\/([0-9a-f]{7,40})\/([^?#]+)/.exec(url);
  if (github) return { repository: github[1], commit: github[2], path: decodeURIComponent(github[3] ?? '') };
  const gitlab = /^https?:\/\/[^/]+\/(.+?)\/-\/(?:raw|blob)\/([0-9a-f]{7,40})\/([^?#]+)/.exec(url);
  if (gitlab) return { repository: gitlab[1], commit: gitlab[2], path: decodeURIComponent(gitlab[3] ?? '') };
  return {};
}

export interface PartnerAlertInput {
  provider: Provider;
  matches: PartnerMatch[];
  scanner: Scanner;
  /**
   * Hashes (of the given ones) of keys we issued, whatever their status: a key revoked a moment
   * ago because of this very leak (the Postman or push path often wins the race) is still a
   * real secret, and GitHub must not be told its match was a false positive.
   */
  issuedKeys: (tokenHashes: string[]) => Promise<Set<string>>;
  service: string;
  correlationId: string;
  detectedAt?: Date;
}

/**
 * Hashes and redacts every matched token at the edge (the raw token goes no further), labels
 * it, and builds its exposure. GitHub's feedback and the lookup of our own keys use the plain
 * SHA-256 (the protocol and our key store need it); the exposure carries the hash and preview
 * of the token's rule, and a token of no known format (which may be any password) gets the
 * deployment's keyed hash and a preview with none of its characters. True positive: a key we issued, or a token that passes its
 * rule's checksum. A token that fails its rule's checksum and is not ours is a false positive
 * and produces no exposure.
 */
export async function partnerAlertExposures(input: PartnerAlertInput): Promise<{ messages: OutgoingMessage[]; feedback: PartnerFeedback[] }> {
  const hashed = input.matches.map((m) => {
    const classification = input.scanner.classify(m.token);
    return { match: m, tokenHash: hashToken(m.token), classification, reported: input.scanner.protect(m.token, classification?.ruleId) };
  });
  const ours = hashed.length > 0 ? await input.issuedKeys([...new Set(hashed.map((h) => h.tokenHash))]) : new Set<string>();
  const messages: OutgoingMessage[] = [];
  const feedback: PartnerFeedback[] = [];
  for (const h of hashed) {
    const isOurs = ours.has(h.tokenHash);
    const checksum = h.classification?.checksumValid ?? null;
    const truePositive = isOurs || checksum === true;
    feedback.push({ token_hash: h.tokenHash, token_type: h.match.type, label: truePositive ? 'true_positive' : 'false_positive' });
    if (!isOurs && checksum === false) continue;
    const found: FoundSecret = {
      ruleId: h.classification?.ruleId ?? `${input.provider}-partner-${h.match.type.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'unknown'}`,
      tokenHash: h.reported.tokenHash,
      redacted: h.reported.redacted,
      confidence: truePositive ? 'high' : h.classification ? 'medium' : 'low',
    };
    const location: ExposureLocation = {
      source: input.provider,
      kind: 'partner_alert',
      url: h.match.url,
      ...locateUrl(h.match.url),
      ...(h.match.source ? { resourceType: h.match.source.toLowerCase() } : {}),
    };
    messages.push(exposureMessage(found, location, { source: input.service, correlationId: input.correlationId, detectedAt: input.detectedAt }));
  }
  return { messages, feedback };
}

/** `issuedKeys` backed by the apiKeys collection (keys-api writes it): every key there is one we issued. */
export function issuedKeysIn(store: Store): (tokenHashes: string[]) => Promise<Set<string>> {
  const keys = createKeyRepository(store);
  return (tokenHashes) => keys.knownHashes(tokenHashes);
}
