import { randomUUID } from 'node:crypto';
import { MongoBulkWriteError } from 'mongodb';
import type { DigestDoc, DigestItemDoc } from '../documents.js';
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

/**
 * The alert digests: items wait in `digestItems`, each person's schedule is one `digests`
 * document. Written for a store without transactions or change streams:
 * - `add` inserts the items (unique ids) and pulls the person's `dueAt` in with `$min`, so a
 *   concurrent flush can never leave an item without a due time;
 * - the flusher `claim`s every due schedule in one write under one claim id, `defer`s those
 *   whose window has not passed, `take`s the waiting items of the rest, and after sending
 *   marks them sent (kept a day, so a redelivered event still finds its items) and re-arms
 *   the schedule if more arrived meanwhile;
 * - a flusher that crashed mid-send leaves its claim to expire: the email it was sending
 *   (`markSending`, just before the send) goes out again with the same items and Message-ID,
 *   which mailboxes show once; items that arrived since go in an email of their own.
 */
export function createDigestRepository(store: Store) {
  const { digests, digestItems } = store.collections;

  async function add(items: NewDigestItem[], dueAt: Date, now = new Date()): Promise<number> {
    if (items.length === 0) return 0;
    let inserted = items.length;
    try {
      await digestItems.insertMany(
        items.map((i) => ({
          _id: i.id,
          digestKey: digestKeyOf(i.teamId, i.email),
          teamId: i.teamId,
          email: i.email.toLowerCase(),
          item: i.item,
          createdAt: now,
          batchId: null,
          sentAt: null,
        })),
        { ordered: false },
      );
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((e) => e.code !== 11000)) throw error;
      inserted -= errors.length;
    }
    const people = new Map(items.map((i) => [digestKeyOf(i.teamId, i.email), i]));
    for (const [key, i] of people) {
      await digests.updateOne(
        { _id: key },
        { $setOnInsert: { teamId: i.teamId, email: i.email.toLowerCase(), lastSentAt: null, claimId: null, claimedUntil: null }, $min: { dueAt } },
        { upsert: true },
      );
    }
    return inserted;
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
    for (const [key, at] of until) {
      await digests.updateOne({ _id: key, claimId }, { $set: { dueAt: at, claimId: null, claimedUntil: null } });
    }
  }

  /**
   * The waiting items of these people. A read only: the claim on each person's schedule is what
   * makes this flusher the only one emailing them (FerretDB writes every document of an
   * updateMany one by one, so marking items taken would cost a write per item).
   */
  async function take(_claimId: string, keys: string[]): Promise<DigestItemRecord[]> {
    if (keys.length === 0) return [];
    const items = await digestItems.find({ digestKey: { $in: keys }, sentAt: null }).toArray();
    return items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  }

  /** Records the email about to be sent for a claimed schedule (see `DigestDoc.sending`). */
  async function markSending(claimId: string, key: string, sending: { messageId: string; itemIds: string[] }): Promise<void> {
    await digests.updateOne({ _id: key, claimId }, { $set: { sending } });
  }

  /**
   * Ends a claim in a few writes whatever the number of people: the items emailed are marked
   * sent in one update, each schedule is released (`lastSentAt` for those emailed), and a
   * schedule whose person got new items meanwhile is re-armed. The order matters: an item
   * added after the read below pulls `dueAt` in itself, after the release.
   */
  async function finish(claimId: string, outcomes: { key: string; sentAt: Date | null; itemIds?: string[] }[]): Promise<void> {
    if (outcomes.length === 0) return;
    const now = new Date();
    const ids = outcomes.flatMap((o) => (o.sentAt ? (o.itemIds ?? []) : []));
    if (ids.length > 0) await digestItems.updateMany({ _id: { $in: ids }, sentAt: null }, { $set: { sentAt: now, batchId: claimId } });
    for (const o of outcomes) {
      await digests.updateOne(
        { _id: o.key, claimId },
        { $set: { ...(o.sentAt ? { lastSentAt: o.sentAt, sending: null } : {}), dueAt: NOTHING_DUE, claimId: null, claimedUntil: null } },
      );
    }
    const waiting = await digestItems.find({ digestKey: { $in: outcomes.map((o) => o.key) }, sentAt: null }, { projection: { digestKey: 1 } }).toArray();
    for (const key of new Set(waiting.map((w) => w.digestKey))) await digests.updateOne({ _id: key }, { $min: { dueAt: now } });
  }

  /** The send failed: try again at `retryAt` (the items stay taken by this claim and go with the next try). */
  async function release(claimId: string, key: string, retryAt: Date): Promise<void> {
    await digests.updateOne({ _id: key, claimId }, { $set: { dueAt: retryAt, claimId: null, claimedUntil: null } });
  }

  /** Forgets items sent before `before` (they only guard against redelivery). */
  async function prune(before: Date): Promise<number> {
    const result = await digestItems.deleteMany({ sentAt: { $ne: null, $lt: before } });
    return result.deletedCount;
  }

  return { add, claim, defer, take, markSending, finish, release, prune };
}

export type DigestItemRecord = DigestItemDoc;
export type DigestRepository = ReturnType<typeof createDigestRepository>;
