import { LRUCache } from 'lru-cache';
import type { Publisher } from '@keyguard/bus';
import { type KeyState, Topics } from '@keyguard/events';
import type { Logger } from '@keyguard/logger';
import { type ApiKeyDoc, createKeyRepository, createUserRepository, type Store } from '@keyguard/store';

/** The state bookkeeping every key write carries lives with the keys collection (@keyguard/store). */
export { changing, initialState, stateChange } from '@keyguard/store';

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

/**
 * Puts key states on the compacted key-state topic. Ordering is the subtle part: two writers
 * (keys-api and policy, or two requests) may publish versions 3 and 4 of one key in either
 * order, and compaction keeps whichever came last. So a writer, once Kafka has acknowledged,
 * reads the key's version again and publishes the newer state when there is one: whoever
 * publishes last has seen the latest write, so the last record for a hash is always the
 * latest state. Only then is the key's `statePending` flag cleared (if nothing newer came);
 * a crash before that leaves the flag for `publishPending` (run by the expiry sweeper).
 */
export function createKeyStatePublisher(options: KeyStatePublisherOptions) {
  const keys = createKeyRepository(options.store);
  const users = createUserRepository(options.store);
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
   * Publishes the state of `docs` (each as read or returned by its write), then whatever
   * newer state a concurrent write gave them meanwhile, then clears their pending flags.
   */
  async function publish(docs: KeyRecord[]): Promise<void> {
    let round = docs.filter(Boolean);
    for (let attempt = 0; round.length > 0; attempt++) {
      await send(round);
      const published = new Map(round.map((d) => [d._id, d.stateVersion ?? 0]));
      const current = await keys.stateVersions([...published.keys()]);
      const newer = current.filter((c) => (c.stateVersion ?? 0) > published.get(c._id)!).map((c) => c._id);
      const settled = current.filter((c) => c.statePending && (c.stateVersion ?? 0) === published.get(c._id));
      await keys.settleStates(settled.map((c) => ({ id: c._id, version: c.stateVersion })));
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

    /** Publishes states a crashed writer left pending for longer than `olderThanMs`. */
    async publishPending(olderThanMs = 30_000): Promise<number> {
      const stale = await keys.statePendingSince(new Date(Date.now() - olderThanMs), PAGE);
      await publish(stale);
      return stale.length;
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
