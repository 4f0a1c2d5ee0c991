import { type ConsumedMessage, retriable } from '@keyguard/bus';
import { channelBody } from '@keyguard/channels';
import type { FindingEvent, KeyEvent } from '@keyguard/events';
import { retryingStoreBusy } from '@keyguard/keys';
import {
  type ChannelDeliveryDoc,
  type ChannelDeliveryRepository,
  type DigestRepository,
  isStoreBusy,
  type NewDigestItem,
  type NotificationChannelDoc,
  type TeamDirectory,
  type TeamRecipients,
} from '@keyguard/store';
import type { WriteQueue } from '../adapters/write-queue.js';
import { type Addressed, exposureAlerts, revocationAlerts } from '../domain/alert-items.js';
import { channelEventsFor } from '../domain/channel-events.js';

export type NotifierEvent = KeyEvent | FindingEvent;

export interface EventHandlerDeps {
  digests: DigestRepository;
  deliveries: ChannelDeliveryRepository;
  directory: TeamDirectory;
  writes: WriteQueue;
  /** Every team's channels (cached briefly by the caller). */
  channels: () => Promise<NotificationChannelDoc[]>;
  dashboardUrl: string;
  /** The leading edge: a person's first alert waits this long for the rest of a burst. */
  settleMs: number;
  /** Wakes the delivery worker when deliveries were queued. */
  onQueued?: (count: number) => void;
  /** Called after each stored batch: sizes and milliseconds (logged at debug). */
  onStored?: (stats: { events: number; items: number; deliveries: number; ms: Record<string, number> }) => void;
}

/**
 * Turns a consumed batch of key and finding events into persisted work, and nothing else, in
 * two writes whatever the batch's size: the channel deliveries (one per channel and event,
 * unique ids, one `insertMany`) and the digest items (grouped per person: one document each,
 * item ids unique per event and person, so a redelivered event adds nothing). The digest
 * flusher and the delivery worker send them. The offsets are committed only after both are
 * stored, so a crash re-reads the batch.
 */
export function createEventHandler(deps: EventHandlerDeps) {
  let seq = 0;
  const nextSeq = () => Date.now() * 1000 + (seq++ % 1000);

  async function handleBatch(messages: ConsumedMessage<NotifierEvent>[]): Promise<void> {
    const started = performance.now();
    const ms: Record<string, number> = {};
    const lap = (name: string) => {
      ms[name] = Math.round(performance.now() - started);
    };
    const teams = new Map<string, Promise<TeamRecipients | null>>();
    const teamOf = (teamId: string) => {
      if (!teams.has(teamId)) teams.set(teamId, deps.directory.recipients(teamId));
      return teams.get(teamId)!;
    };
    let everyTeamsContacts: Promise<{ teamId: string; contacts: string[] }[]> | undefined;
    const contactsOfEveryTeam = () => {
      everyTeamsContacts ??= deps.directory.allSecurityContacts();
      return everyTeamsContacts;
    };
    const channels = await deps.channels();

    const items: NewDigestItem[] = [];
    const deliveries: ChannelDeliveryDoc[] = [];
    const now = new Date();
    for (const { value: event } of messages) {
      let addressed: Addressed[] = [];
      if (event.type === 'key.revoked') addressed = revocationAlerts(event.payload, deps.dashboardUrl);
      else if (event.type === 'exposure.recorded') {
        const p = event.payload;
        const team = p.teamId ? await teamOf(p.teamId) : null;
        const contacts = p.teamId ? [] : await contactsOfEveryTeam();
        addressed = exposureAlerts(p, { team, everyTeamsContacts: contacts }, deps.dashboardUrl);
      }
      for (const a of addressed) items.push({ id: `${event.id}|${a.teamId}|${a.email}`, teamId: a.teamId, email: a.email, item: { ...a.item } });

      for (const routed of channelEventsFor(event, deps.dashboardUrl)) {
        for (const channel of channels) {
          if (!channel.events.includes(routed.type)) continue;
          if (routed.event.teamId !== null && routed.event.teamId !== channel.teamId) continue;
          deliveries.push({
            _id: `${channel._id}:${routed.event.id}`,
            channelId: channel._id,
            teamId: channel.teamId,
            event: routed.type,
            eventId: routed.event.id,
            orderKey: routed.orderKey,
            seq: nextSeq(),
            body: channelBody(channel.type, routed.event),
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            leaseUntil: null,
            lastStatus: null,
            lastError: null,
            createdAt: now,
            deliveredAt: null,
          });
        }
      }
    }
    // A busy store (another writer holds FerretDB's lock) is waited out by the write queue, in
    // milliseconds, before the consumer's own backoff (seconds, then message by message) would take over.
    lap('read');
    try {
      // Deliveries first: a webhook is due now, an email waits for its window anyway.
      const queued = await deps.writes.run('now', () => deps.deliveries.enqueue(deliveries));
      lap('deliveries');
      if (queued > 0) deps.onQueued?.(queued);
      await deps.writes.run('later', () => deps.digests.add(items, new Date(now.getTime() + deps.settleMs), now));
      lap('digests');
      deps.onStored?.({ events: messages.length, items: items.length, deliveries: deliveries.length, ms });
    } catch (error) {
      if (isStoreBusy(error)) throw error;
      throw retriable('STORE_WRITE_FAILED', 'could not store the notifications', error);
    }
  }

  return {
    handle: (message: ConsumedMessage<NotifierEvent>) => retryingStoreBusy(() => handleBatch([message])),
    handleBatch: (messages: ConsumedMessage<NotifierEvent>[]) => retryingStoreBusy(() => handleBatch(messages)),
  };
}
