import { LRUCache } from 'lru-cache';
import type { Publisher } from '@keyguard/bus';
import { type KeyState, Topics } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import { type ApiKeyDoc, createKeyRepository, createMarkerRepository, createUserRepository, isStatePending, type Store } from '@keyguard/store';

/** The state bookkeeping every key write carries lives with the keys collection (@keyguard/store). */
export { changing, initialState, isStatePending, stateChange } from '@keyguard/store';

type KeyRecord = ApiKeyDoc;

export interface KeyStatePublisherOptions {
  store: Store;
  publisher: Publisher;
  logger: Logger;
  /** Defaults to keyguard.key-state.v1; tests use fresh topics. */
  topic?: string;
  publishTimeoutMs?: number;
  /** Told every state once Kafka has it (keys-api applies them to its own verifier at once). */
  onPublished?: (states: { hash: string; state: KeyState }[]) => void;
}

const PAGE = 1000;
/** Where the sweeper's last look for unpublished states ended (markers collection). */
const SWEPT_UNTIL = 'key-state-swept-until';
/** How far before that end the next look starts again: writers' clocks and slow writes. */
const SWEEP_OVERLAP_MS = 5 * 60_000;

/**
 * Puts key states on the compacted key-state topic. Ordering is the subtle part: two writers
 * (keys-api and policy, or two requests) may publish versions 3 and 4 of one key in either
 * order, and compaction keeps whichever came last. So a writer, once Kafka has acknowledged,
 * reads the key's version again and publishes the newer state when there is one: whoever
 * publishes last has seen the latest write, so the last record for a hash is always the
 * latest state. Each key's `publishedVersion` then records what Kafka has (`$max`: no
 * condition needed); a crash before that leaves the key behind its `stateVersion`, which
 * `publishPending` (run by the sweeper) finds among the keys changed since its last look.
 */
export function createKeyStatePublisher(options: KeyStatePublisherOptions) {
  const keys = createKeyRepository(options.store);
  const users = createUserRepository(options.store);
  const markers = createMarkerRepository(options.store);
  const topic = options.topic ?? Topics.keyState;
  const log = options.logger.child({ component: 'key-state' });
  const emails = new LRUCache<string, string>({ max: 10_000, ttl: 60_000 });

  async function emailsOf(ownerIds: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(ownerIds)].filter((id) => !emails.has(id));
    if (missing.length > 0) for (const [id, email] of await users.emailsOf(missing)) emails.set(id, email);
    return new Map(ownerIds.map((id) => [id, emails.get(id) ?? '']));
  }

  function stateOf(key: KeyRecord, email: string): KeyState {
    return {
      keyId: key._id,
      teamId: key.teamId,
      ownerId: key.createdBy,
      ownerEmail: email,
      status: key.status,
      expiresAt: key.expiresAt ? new Date(key.expiresAt).toISOString() : null,
      exposed: key.exposure != null,
      version: key.stateVersion ?? 0,
      changedAt: new Date(key.stateChangedAt ?? key.revokedAt ?? key.createdAt).toISOString(),
    };
  }

  async function send(docs: KeyRecord[]): Promise<void> {
    const owners = await emailsOf(docs.map((d) => d.createdBy));
    const states = docs.map((d) => ({ hash: d.hash, state: stateOf(d, owners.get(d.createdBy) ?? '') }));
    await options.publisher.publish(
      topic,
      states.map(({ hash, state }) => ({ key: hash, value: state })),
      { timeoutMs: options.publishTimeoutMs ?? 10_000 },
    );
    options.onPublished?.(states);
  }

  /**
   * Publishes the state of `docs` (each as read or returned by its write), records each
   * version as published, then publishes whatever newer state a concurrent write gave them
   * meanwhile.
   */
  async function publish(docs: KeyRecord[]): Promise<void> {
    let round = docs.filter(Boolean);
    for (let attempt = 0; round.length > 0; attempt++) {
      await send(round);
      const published = new Map(round.map((d) => [d._id, d.stateVersion ?? 0]));
      const [current] = await Promise.all([
        keys.stateVersions([...published.keys()]),
        keys.recordPublished([...published].map(([id, version]) => ({ id, version }))),
      ]);
      const newer = current.filter((c) => (c.stateVersion ?? 0) > published.get(c._id)!).map((c) => c._id);
      if (newer.length === 0) return;
      if (attempt >= 5) {
        log.warn({ keys: newer.length }, 'key states keep changing; the sweeper publishes the rest');
        return;
      }
      round = await keys.byIds(newer);
    }
  }

  return {
    topic,
    publish,

    /** Reads the keys by id and publishes their current state. */
    async publishIds(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await publish(await keys.byIds(ids));
    },

    /**
     * Publishes states a crashed writer left unpublished for longer than `olderThanMs`: it
     * looks at the keys changed since its previous look ended (all of them the first time),
     * and remembers where this one ended.
     */
    async publishPending(olderThanMs = 30_000): Promise<number> {
      const before = new Date(Date.now() - olderThanMs);
      const lastEnd = await markers.at(SWEPT_UNTIL);
      const since = new Date(lastEnd ? lastEnd.getTime() - SWEEP_OVERLAP_MS : 0);
      let count = 0;
      for (let after: string | undefined; ; ) {
        const page = await keys.stateChangedBetween(since, before, after, PAGE);
        const pending = page.filter(isStatePending);
        await publish(pending);
        count += pending.length;
        if (page.length < PAGE) break;
        after = page.at(-1)!._id;
      }
      await markers.set(SWEPT_UNTIL, before);
      return count;
    },

    /**
     * Publishes every key's state (an empty topic at start-up: a new deployment, or a
     * database that predates the topic), a page at a time in `_id` order.
     */
    async backfill({ signal }: { signal?: AbortSignal } = {}): Promise<number> {
      let count = 0;
      let after: string | undefined;
      for (;;) {
        signal?.throwIfAborted();
        const page = await keys.page(after, PAGE);
        if (page.length === 0) break;
        await publish(page);
        count += page.length;
        after = page.at(-1)!._id;
        if (page.length < PAGE) break;
      }
      log.info({ keys: count, topic }, 'key-state topic backfilled from MongoDB');
      return count;
    },
  };
}

export type KeyStatePublisher = ReturnType<typeof createKeyStatePublisher>;
