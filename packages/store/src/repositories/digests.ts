import { createHash, randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation } from 'mongodb';
import type { DigestDoc, DigestItemDoc } from '../documents.js';
import { bulkWriteInChunks, insertNew } from '../bulk.js';
import type { Store } from '../store.js';

/** `dueAt` while nothing waits: far enough never to come, and comparable by `$min` (null is not). */
export const NOTHING_DUE = new Date('9999-12-31T00:00:00.000Z');

export const digestKeyOf = (teamId: string, email: string) => `${teamId}|${email.toLowerCase()}`;

export interface NewDigestItem {
  /** Deterministic (event id + recipient): a redelivered event adds nothing. */
  id: string;
  teamId: string;
  email: string;
  item: Record<string, unknown>;
}

/** One waiting alert as the flusher reads it (items of redelivered groups already removed). */
export interface DigestItemRecord {
  _id: string;
  digestKey: string;
  item: Record<string, unknown>;
  createdAt: Date;
}

const groupIdOf = (key: string, itemIds: string[]) =>
  `${key}|${createHash('sha256')
    .update([...itemIds].sort().join('\n'))
    .digest('hex')
    .slice(0, 24)}`;

/**
 * The alert digests: items wait in `digestItems`, one document per consumed batch and person,
 * each person's schedule is one `digests` document. Written for a store without transactions or
 * change streams, and for FerretDB, which applies the documents of a write one at a time under
 * one lock — so every step writes a few documents, whatever the number of alerts:
 * - `add` inserts a batch's items as one group per person (one `insertMany`) and pulls each
 *   person's `dueAt` in with `$min` (one `bulkWrite`), so a concurrent flush can never leave an
 *   item without a due time;
 * - the flusher `claim`s every due schedule in one write under one claim id, `defer`s those
 *   whose window has not passed, `take`s the waiting groups of the rest (minus items an earlier
 *   email already carried: a redelivery in other batches), and after sending records the groups
 *   sent on each schedule (the groups themselves are never rewritten; they are kept an hour, so
 *   a redelivered event still finds its items) and re-arms a schedule whose person got more
 *   meanwhile;
 * - a flusher that crashed mid-send leaves its claim to expire: the email it was sending
 *   (`markSending`, just before the send) goes out again with the same items and Message-ID,
 *   which mailboxes show once; items that arrived since go in an email of their own.
 */
export function createDigestRepository(store: Store) {
  const { digests, digestItems } = store.collections;

  /** Stores a batch's items; returns how many were new (a group already stored counts nothing). */
  async function add(items: NewDigestItem[], dueAt: Date, now = new Date()): Promise<number> {
    if (items.length === 0) return 0;
    const byPerson = new Map<string, NewDigestItem[]>();
    for (const i of items) {
      const key = digestKeyOf(i.teamId, i.email);
      const list = byPerson.get(key);
      if (list) {
        if (!list.some((l) => l.id === i.id)) list.push(i);
      } else byPerson.set(key, [i]);
    }
    const groups: DigestItemDoc[] = [...byPerson].map(([key, list]) => {
      const itemIds = list.map((i) => i.id);
      return {
        _id: groupIdOf(key, itemIds),
        digestKey: key,
        teamId: list[0]!.teamId,
        email: list[0]!.email.toLowerCase(),
        itemIds,
        items: list.map((i) => ({ id: i.id, item: i.item })),
        createdAt: now,
      };
    });
    const inserted = await insertNew(digestItems, groups);
    await bulkWriteInChunks(
      digests,
      groups.map((g) => ({
        updateOne: {
          filter: { _id: g.digestKey },
          update: {
            $setOnInsert: { teamId: g.teamId, email: g.email, lastSentAt: null, claimId: null, claimedUntil: null, sentGroups: [] },
            $min: { dueAt },
            $inc: { added: 1 },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return inserted === groups.length ? items.length : inserted;
  }

  /** Claims every schedule that is due and not held by a live claim; returns them. */
  async function claim(now: Date, leaseMs: number): Promise<{ claimId: string; due: DigestDoc[] }> {
    const claimId = randomUUID();
    const free = { dueAt: { $lte: now }, $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] };
    // A read first: an idle flusher takes no write lock (FerretDB's SQLite has one for everyone).
    const candidates = await digests.find(free, { projection: { _id: 1 } }).toArray();
    if (candidates.length === 0) return { claimId, due: [] };
    await digests.updateMany({ ...free, _id: { $in: candidates.map((c) => c._id) } }, { $set: { claimId, claimedUntil: new Date(now.getTime() + leaseMs) } });
    const due = await digests.find({ claimId }).toArray();
    return { claimId, due };
  }

  /** Gives claimed schedules back with a new due time (the person's window has not passed). */
  async function defer(claimId: string, until: Map<string, Date>): Promise<void> {
    if (until.size === 0) return;
    await bulkWriteInChunks(
      digests,
      [...until].map(([key, at]) => ({
        updateOne: { filter: { _id: key, claimId }, update: { $set: { dueAt: at, claimId: null, claimedUntil: null } } },
      })),
      { ordered: false },
    );
  }

  /**
   * The waiting items of these claimed schedules, and the groups they came in. A read only: the
   * claim on each person's schedule is what makes this flusher the only one emailing them. An
   * item an earlier email carried (its event was redelivered in another batch) is left out, once.
   */
  async function take(due: DigestDoc[]): Promise<{ items: DigestItemRecord[]; groups: Map<string, string[]> }> {
    const groups = new Map<string, string[]>();
    if (due.length === 0) return { items: [], groups };
    const sent = new Set(due.flatMap((d) => d.sentGroups ?? []));
    const all = await digestItems.find({ digestKey: { $in: due.map((d) => d._id) } }).toArray();
    // A document written before items were grouped holds one `item` under its own id, and `sentAt`.
    const legacy = (g: DigestItemDoc) => g as unknown as { item?: Record<string, unknown>; sentAt?: Date | null };
    const isSent = (g: DigestItemDoc) => sent.has(g._id) || Boolean(legacy(g).sentAt);
    const carried = new Set(all.filter(isSent).flatMap((g) => g.itemIds ?? [g._id]));
    const items: DigestItemRecord[] = [];
    for (const group of all.filter((g) => !isSent(g))) {
      groups.set(group.digestKey, [...(groups.get(group.digestKey) ?? []), group._id]);
      for (const { id, item } of group.items ?? [{ id: group._id, item: legacy(group).item ?? {} }]) {
        if (carried.has(id)) continue;
        carried.add(id);
        items.push({ _id: id, digestKey: group.digestKey, item, createdAt: group.createdAt });
      }
    }
    return { items: items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id)), groups };
  }

  /** Records the emails about to be sent for claimed schedules (see `DigestDoc.sending`), in one write. */
  async function markSending(claimId: string, sending: { key: string; messageId: string; itemIds: string[] }[]): Promise<void> {
    if (sending.length === 0) return;
    await bulkWriteInChunks(
      digests,
      sending.map(({ key, messageId, itemIds }) => ({ updateOne: { filter: { _id: key, claimId }, update: { $set: { sending: { messageId, itemIds } } } } })),
      { ordered: false },
    );
  }

  /**
   * Ends a claim in one bulk write whatever the number of people: each schedule records the
   * groups emailed (or found to hold nothing new) and is released (`lastSentAt` for those
   * emailed) — unless an `add` counted since the claim read it (`added`), which re-arms it
   * instead: that add's items may have missed this flush.
   */
  async function finish(claimId: string, outcomes: { key: string; added?: number; sentAt: Date | null; groupIds?: string[] }[]): Promise<void> {
    if (outcomes.length === 0) return;
    const now = new Date();
    await bulkWriteInChunks(
      digests,
      outcomes.flatMap((o): AnyBulkWriteOperation<DigestDoc>[] => {
        const sent = { ...(o.sentAt ? { lastSentAt: o.sentAt, sending: null } : {}), claimId: null, claimedUntil: null };
        const push = o.groupIds?.length ? { $push: { sentGroups: { $each: o.groupIds } } } : {};
        const unchanged = o.added === undefined ? { added: { $exists: false } } : { added: o.added };
        return [
          { updateOne: { filter: { _id: o.key, claimId, ...unchanged }, update: { $set: { ...sent, dueAt: NOTHING_DUE }, ...push } } },
          // Still claimed: the count moved, so something arrived meanwhile.
          { updateOne: { filter: { _id: o.key, claimId }, update: { $set: { ...sent, dueAt: now }, ...push } } },
        ];
      }),
      { ordered: true },
    );
  }

  /** The send failed: try again at `retryAt` (the items stay taken by this claim and go with the next try). */
  async function release(claimId: string, key: string, retryAt: Date): Promise<void> {
    await digests.updateOne({ _id: key, claimId }, { $set: { dueAt: retryAt, claimId: null, claimedUntil: null } });
  }

  /** Forgets item groups emailed before `before` (they only guard against redelivery). */
  async function prune(before: Date): Promise<number> {
    const people = await digests.find({ 'sentGroups.0': { $exists: true } }, { projection: { sentGroups: 1 } }).toArray();
    const sent = new Set(people.flatMap((p) => p.sentGroups ?? []));
    await digestItems.deleteMany({ sentAt: { $lt: before } }); // documents from before the grouping
    const old = (await digestItems.find({ createdAt: { $lt: before } }, { projection: { _id: 1 } }).toArray()).map((g) => g._id).filter((id) => sent.has(id));
    if (old.length === 0) return 0;
    const result = await digestItems.deleteMany({ _id: { $in: old } });
    await bulkWriteInChunks(
      digests,
      people.map((p) => ({ updateOne: { filter: { _id: p._id }, update: { $pullAll: { sentGroups: old } } } })),
      { ordered: false },
    );
    return result.deletedCount;
  }

  return { add, claim, defer, take, markSending, finish, release, prune };
}

export type DigestRepository = ReturnType<typeof createDigestRepository>;
