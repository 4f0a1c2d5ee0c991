import { createHash } from 'node:crypto';
import type { Logger } from '@keyguard/logger';
import type { DigestRepository, TeamDirectory } from '@keyguard/store';
import pLimit from 'p-limit';
import type { Mailer } from '../adapters/mailer.js';
import type { WriteQueue } from '../adapters/write-queue.js';
import type { AlertItem } from '../domain/alert-items.js';
import { digestEmail } from '../domain/digest-email.js';

export interface DigestFlusherDeps {
  digests: DigestRepository;
  writes: WriteQueue;
  directory: TeamDirectory;
  mailer: Mailer;
  dashboardUrl: string;
  /** KEYGUARD_DIGEST_WINDOW_MS: for every team without a window of its own. */
  defaultWindowMs: number;
  /** After a failed send, try again this much later. */
  smtpRetryMs: number;
  /** A claim not finished within this is taken over (the flusher crashed). */
  leaseMs: number;
  logger: Logger;
  onSent?: (items: number) => void;
}

/**
 * One flush: claims every due digest, defers those whose person was emailed less than a
 * window ago, and sends one email per remaining person with every item waiting for them.
 * Returns true when it sent something.
 */
/** Named by the schedule and the items it carries, never by the claim: the same email always has the same Message-ID. */
function messageIdFor(digestId: string, items: { _id: string }[]): string {
  const carried = items
    .map((i) => i._id)
    .sort()
    .join('|');
  return `<digest.${createHash('sha256').update(`${digestId}|${carried}`).digest('hex').slice(0, 32)}@keyguard>`;
}

export function createDigestFlusher(deps: DigestFlusherDeps) {
  const limit = pLimit(8);
  const store = <T>(write: () => Promise<T>) => deps.writes.run('later', write);
  return async function flush(now = new Date()): Promise<boolean> {
    const { claimId, due } = await store(() => deps.digests.claim(now, deps.leaseMs));
    if (due.length === 0) return false;
    const windows = await deps.directory.digestWindows([...new Set(due.map((d) => d.teamId))]);
    const later = new Map<string, Date>();
    const ready = due.filter((d) => {
      const windowMs = windows.get(d.teamId) ?? deps.defaultWindowMs;
      const allowedAt = d.lastSentAt ? d.lastSentAt.getTime() + windowMs : 0;
      if (allowedAt > now.getTime()) later.set(d._id, new Date(allowedAt));
      return allowedAt <= now.getTime();
    });
    await store(() => deps.digests.defer(claimId, later));
    // Reads: they need no turn in the write queue.
    const { items, groups } = await deps.digests.take(ready);
    const byKey = new Map<string, typeof items>();
    for (const item of items) {
      const list = byKey.get(item.digestKey);
      if (list) list.push(item);
      else byKey.set(item.digestKey, [item]);
    }
    // Every email of this flush, decided first: their `sending` records go in one write, then
    // the sends run concurrently, then one `finish` ends the claim.
    const plans = ready.map((digest) => {
      const mine = byKey.get(digest._id) ?? [];
      // A crashed flusher's email first, exactly as it was (same items, same Message-ID);
      // whatever arrived since goes in an email of its own.
      const resumed = digest.sending ? mine.filter((i) => digest.sending!.itemIds.includes(i._id)) : [];
      const fresh = mine.filter((i) => !resumed.includes(i));
      const emails = [
        ...(resumed.length > 0 ? [{ items: resumed, messageId: digest.sending!.messageId, recorded: true }] : []),
        ...(fresh.length > 0 ? [{ items: fresh, messageId: messageIdFor(digest._id, fresh), recorded: false }] : []),
      ];
      return { digest, mine, emails };
    });
    // One record per person: the email that goes first among those not yet recorded (a
    // resumed email keeps its record until it is sent; the fresh one follows in a later flush
    // only when the resumed one failed, and is recorded then).
    await store(() =>
      deps.digests.markSending(
        claimId,
        plans.flatMap(({ digest, emails }) =>
          emails[0] && !emails[0].recorded ? [{ key: digest._id, messageId: emails[0].messageId, itemIds: emails[0].items.map((i) => i._id) }] : [],
        ),
      ),
    );
    let sent = 0;
    const outcomes: { key: string; added?: number; sentAt: Date | null; groupIds?: string[] }[] = [];
    const retries = new Map<string, Date>();
    await Promise.all(
      plans.map(({ digest, mine, emails }) =>
        limit(async () => {
          // Groups whose every item an earlier email carried are done too (a redelivery).
          if (mine.length === 0) {
            outcomes.push({ key: digest._id, added: digest.added, sentAt: null, groupIds: groups.get(digest._id) ?? [] });
            return;
          }
          try {
            for (const [n, e] of emails.entries()) {
              if (n > 0 && !e.recorded)
                await store(() => deps.digests.markSending(claimId, [{ key: digest._id, messageId: e.messageId, itemIds: e.items.map((i) => i._id) }]));
              const email = digestEmail(
                digest.email,
                e.items.map((i) => i.item as unknown as AlertItem),
                deps.dashboardUrl,
              );
              await deps.mailer.send({ ...email, messageId: e.messageId });
            }
          } catch (err) {
            deps.logger.warn({ err, team: digest.teamId, items: mine.length }, 'digest email not sent; will retry');
            retries.set(digest._id, new Date(Date.now() + deps.smtpRetryMs));
            return;
          }
          outcomes.push({ key: digest._id, added: digest.added, sentAt: new Date(), groupIds: groups.get(digest._id) ?? [] });
          sent++;
          deps.onSent?.(mine.length);
          deps.logger.info({ team: digest.teamId, items: mine.length }, 'digest email sent');
        }),
      ),
    );
    await store(() => deps.digests.finish(claimId, outcomes));
    await store(() => deps.digests.defer(claimId, retries));
    return sent > 0;
  };
}
