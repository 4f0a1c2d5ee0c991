import { isDuplicateKey } from '../errors.js';
import type { Store } from '../store.js';

/**
 * One document per team and period of the weekly insights email: what makes it go out exactly
 * once, whatever the number of notifier instances and restarts. An instance claims the period
 * with an insert (the unique `_id` lets one win), records each admin as the email to them is
 * accepted by SMTP, and marks the period done. A claim whose holder died (not done within the
 * lease) is taken over, and the new holder skips the admins already emailed.
 */
export interface WeeklyDigestDoc {
  _id: string;
  teamId: string;
  periodStart: Date;
  claimedBy: string;
  claimedAt: Date;
  /** Admins (emails) the email was sent to. */
  sentTo: string[];
  doneAt: Date | null;
}

export function createWeeklyDigestRepository(store: Store) {
  const records = store.db.collection<WeeklyDigestDoc>('weeklyDigests');
  const idOf = (teamId: string, periodStart: Date) => `${teamId}|${periodStart.toISOString()}`;
  return {
    /** The period's record when this owner holds it now (new, or taken over from a dead holder); null when another has it or it is done. */
    async claim(teamId: string, periodStart: Date, owner: string, now: Date, leaseMs: number): Promise<WeeklyDigestDoc | null> {
      const doc: WeeklyDigestDoc = { _id: idOf(teamId, periodStart), teamId, periodStart, claimedBy: owner, claimedAt: now, sentTo: [], doneAt: null };
      try {
        await records.insertOne(doc);
        return doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const taken = await records.updateOne(
        { _id: doc._id, doneAt: null, claimedAt: { $lt: new Date(now.getTime() - leaseMs) } },
        { $set: { claimedBy: owner, claimedAt: now } },
      );
      if (taken.modifiedCount !== 1) return null;
      return records.findOne({ _id: doc._id, claimedBy: owner });
    },
    async sent(id: string, email: string): Promise<void> {
      await records.updateOne({ _id: id }, { $addToSet: { sentTo: email } });
    },
    async done(id: string, at: Date): Promise<void> {
      await records.updateOne({ _id: id }, { $set: { doneAt: at } });
    },
    byTeam: (teamId: string) => records.find({ teamId }).sort({ periodStart: 1 }).toArray(),
  };
}
export type WeeklyDigestRepository = ReturnType<typeof createWeeklyDigestRepository>;
