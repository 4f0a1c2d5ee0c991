import type { Publisher } from '@keyguard/bus';
import { createEnvelope, type FindingResolvedPayload, type KeyRevokedPayload, Topics } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import pMap from 'p-map';
import {
  type ActorRef,
  type ApiKeyDoc,
  createAuditRepository,
  createFindingRepository,
  createInsightsRepository,
  createKeyRepository,
  createUserRepository,
  insightSourceOf,
  isStatePending,
  rollupFindingOf,
  type KeyScope,
  type LocationDoc,
  type RevocationReason,
  type Store,
} from '@keyguard/store';
import { findingIdFor } from './findings.js';
import type { KeyStatePublisher } from './key-state.js';

type KeyRecord = ApiKeyDoc;

export interface RevokeOptions {
  reason: RevocationReason;
  actor: ActorRef;
  /** Conditions on the key: its team, or its owner for a member. */
  where?: KeyScope;
  /** Deterministic correlation id for the published event. */
  correlationId?: string;
}

export interface RevokeResult {
  /** True when this call revoked the key; false when it was already revoked or not found. */
  revoked: boolean;
  key: KeyRecord | null;
}

export interface RevokerOptions {
  store: Store;
  publisher: Publisher;
  /** Puts each revoked key's new state on keyguard.key-state.v1 (what every verifier follows). */
  keyState: KeyStatePublisher;
  logger: Logger;
  /** Name of the service that publishes (envelope `source`). */
  source: string;
  /** Defaults to keyguard.key-events.v1; tests use fresh topics. */
  keyEventsTopic?: string;
  /** Defaults to keyguard.findings.v1 (`finding.resolved` when a revocation resolves the key's finding). */
  findingsTopic?: string;
  publishTimeoutMs?: number;
  /**
   * Called once a key that had been exposed is revoked: seconds from its exposure's detection to
   * the revocation, by the source it was first found in (the exposure-to-revocation histogram).
   */
  onExposedKeyRevoked?: (observation: { source: string; seconds: number; reason: RevocationReason }) => void;
}

/** Deterministic: a repeated finish publishes the same event id, which the notifier emails once. */
export const revocationEventId = (keyId: string) => `key.revoked:${keyId}`;

/**
 * The one revoke operation — admin revocation, policy auto-revocation and the expiry sweeper
 * all go through it. No transactions: a conditional update decides the single winner (the key
 * is not revoked yet), and the steps after it are each idempotent:
 *   1. status → revoked (+ `revocationPending`, and the state version bumped), the instant the
 *      API starts refusing the key; then the new state goes on keyguard.key-state.v1, the
 *      instant every verifier starts refusing it;
 *   2. an audit entry with a deterministic id;
 *   3. the key's open finding resolved with resolution `revoked`;
 *   4. `key.revoked` published with a deterministic event id;
 *   5. `revocationPending` cleared.
 * A crash between 1 and 5 leaves the flag set; `revoke` on the same key (a redelivery) or
 * `completePending` (the sweeper) finishes the remaining steps (the key state likewise).
 */
export function createRevoker(options: RevokerOptions) {
  const keys = createKeyRepository(options.store);
  const findings = createFindingRepository(options.store);
  const users = createUserRepository(options.store);
  const audit = createAuditRepository(options.store);
  const topic = options.keyEventsTopic ?? Topics.keyEvents;
  const findingsTopic = options.findingsTopic ?? Topics.findings;
  const log = options.logger.child({ component: 'revoker' });
  const insights = createInsightsRepository(options.store);

  /**
   * Steps 2–5. `known.findingResolved`: the caller already wrote the finding resolved (the
   * policy does, in the same insert), with these `locations` — no update and no read needed.
   */
  async function finish(key: KeyRecord, correlationId?: string, known: { findingResolved?: boolean; locations?: LocationDoc[] } = {}): Promise<void> {
    const revocation = key.revocation;
    if (!revocation || !key.revokedAt) return;
    const at = key.revokedAt;
    const started = performance.now();
    const ms: Record<string, number> = {};
    const lap = (step: string) => {
      ms[step] = Math.round(performance.now() - started);
    };
    await audit.record({
      _id: `audit_revoke_${key._id}`,
      teamId: key.teamId,
      at,
      actor: revocation.actor,
      action: 'key.revoked',
      target: { type: 'key', id: key._id },
      details: { reason: revocation.reason, name: key.name, preview: key.preview },
    });
    lap('audit');
    // Only an exposed key has a finding (the policy marks the key when it records one).
    let firstLocation = key.exposure?.locations[0] ?? known.locations?.[0];
    // Whether this call (or the caller's insert) resolved the finding: only then finding.resolved goes out.
    let resolvedNow = known.findingResolved === true;
    if (key.exposure && !known.findingResolved) {
      const resolved = await findings.resolveIfOpen(findingIdFor(key.hash), 'revoked', {
        at,
        action: 'resolved',
        actor: revocation.actor,
        status: 'resolved',
        resolution: 'revoked',
        note: `key revoked (${revocation.reason})`,
      });
      resolvedNow = resolved !== null;
      firstLocation ??= resolved?.locations?.[0];
      // Counted once: only the call whose conditional update resolved the finding gets it back.
      if (resolved) {
        await insights.record([
          {
            kind: 'revoked',
            finding: rollupFindingOf(resolved),
            revokedAt: at,
            auto: revocation.reason === 'exposure_auto',
            usedAfterExposure: key.lastUsedAt !== null && key.lastUsedAt > key.exposure.detectedAt,
          },
        ]);
      }
    }
    lap('finding');
    if (key.exposure && key.revocationPending) {
      options.onExposedKeyRevoked?.({
        source: firstLocation ? insightSourceOf(firstLocation) : 'unknown',
        seconds: Math.max(0, (at.getTime() - key.exposure.detectedAt.getTime()) / 1000),
        reason: revocation.reason,
      });
    }
    const [owner, found] = await Promise.all([
      users.findById(key.createdBy),
      key.exposure && !known.locations ? findings.locationsOf(findingIdFor(key.hash)) : null,
    ]);
    const locations = (known.locations ?? found ?? key.exposure?.locations ?? []).map(({ detectedAt: _d, publishedAt, ...location }) => ({
      ...location,
      ...(publishedAt ? { publishedAt: new Date(publishedAt).toISOString() } : {}),
    }));
    const payload: KeyRevokedPayload = {
      keyId: key._id,
      teamId: key.teamId,
      name: key.name,
      preview: key.preview,
      owner: { id: key.createdBy, name: owner?.name ?? '', email: owner?.email ?? '' },
      reason: revocation.reason,
      actor: revocation.actor,
      revokedAt: at.toISOString(),
      exposure: key.exposure ? { detectedAt: key.exposure.detectedAt.toISOString(), locations } : null,
    };
    const event = createEnvelope('key.revoked', payload, {
      source: options.source,
      id: revocationEventId(key._id),
      occurredAt: at,
      correlationId,
    });
    lap('read');
    await options.publisher.publish(topic, [{ key: key._id, value: event }], { timeoutMs: options.publishTimeoutMs ?? 10_000 });
    if (resolvedNow && key.exposure) {
      const resolved: FindingResolvedPayload = {
        findingId: findingIdFor(key.hash),
        tokenHash: key.hash,
        ruleId: 'postman-api-key', // every key we issue is a PMAK key
        redacted: key.preview,
        teamId: key.teamId,
        keyId: key._id,
        resolution: 'revoked',
        actor: revocation.actor,
        resolvedAt: at.toISOString(),
      };
      const resolvedEvent = createEnvelope('finding.resolved', resolved, {
        source: options.source,
        id: `finding.resolved:${resolved.findingId}:key-revoked`,
        occurredAt: at,
        correlationId,
      });
      await options.publisher.publish(findingsTopic, [{ key: key.hash, value: resolvedEvent }], { timeoutMs: options.publishTimeoutMs ?? 10_000 });
    }
    lap('published');
    await keys.clearPending(key._id);
    lap('done');
    log.info({ keyId: key._id, reason: revocation.reason, actor: revocation.actor.id, ms }, 'key revoked');
  }

  /**
   * Step 1 alone: the conditional update that makes the API refuse the key. Returns the key
   * when this call revoked it, else null. `alsoSet` rides along on the same write (the policy
   * records the exposure with it). Call `finish` afterwards — or leave it to `completePending`.
   */
  async function begin(keyId: string, request: RevokeOptions, alsoSet: Partial<KeyRecord> = {}): Promise<KeyRecord | null> {
    return keys.beginRevocation(keyId, { reason: request.reason, actor: request.actor }, request.where, alsoSet);
  }

  /**
   * Step 1 for several keys in one write (a writer with one lock: see the repository's
   * beginRevocations). Returns the keys this call revoked.
   */
  function beginMany(keyIds: string[], request: Pick<RevokeOptions, 'reason' | 'actor'>): Promise<KeyRecord[]> {
    return keys.beginRevocations(keyIds, { reason: request.reason, actor: request.actor });
  }

  async function revoke(keyId: string, request: RevokeOptions): Promise<RevokeResult> {
    const key = await begin(keyId, request);
    if (key) {
      await options.keyState.publish([key]);
      await finish(key, request.correlationId);
      return { revoked: true, key };
    }
    // Lost the race, or a redelivery: finish what an earlier, interrupted revocation left.
    const current = await keys.findById(keyId, request.where);
    if (current) await finishLeftovers(current, request.correlationId);
    return { revoked: false, key: current };
  }

  async function finishLeftovers(key: KeyRecord, correlationId?: string): Promise<boolean> {
    if (isStatePending(key)) await options.keyState.publish([key]);
    if (key.revocationPending) await finish(key, correlationId);
    return Boolean(key.revocationPending);
  }

  /** Finishes whatever revocation of this key is still pending (a redelivery after a crash). */
  async function finishPending(keyId: string, correlationId?: string): Promise<boolean> {
    const key = await keys.findLeftovers(keyId);
    return key ? finishLeftovers(key, correlationId) : false;
  }

  /** Revokes several keys, `concurrency` at a time (p-map); returns the keys this call revoked. */
  async function revokeMany(keyIds: string[], request: RevokeOptions, concurrency = 16): Promise<KeyRecord[]> {
    const results = await pMap(keyIds, (id) => revoke(id, request), { concurrency });
    return results.flatMap((r) => (r.revoked && r.key ? [r.key] : []));
  }

  /**
   * Finishes revocations interrupted longer than `olderThanMs` ago, and publishes key states a
   * crashed writer left unpublished (run by the sweeper). Returns the revocations finished.
   */
  async function completePending(olderThanMs = 30_000): Promise<number> {
    await options.keyState.publishPending(olderThanMs);
    const stale = await keys.stalePending(new Date(Date.now() - olderThanMs), 500);
    for (const key of stale) await finish(key);
    return stale.length;
  }

  return { revoke, begin, beginMany, finish, finishPending, revokeMany, completePending, keyState: options.keyState };
}

export type Revoker = ReturnType<typeof createRevoker>;
