import { randomUUID } from 'node:crypto';
import { ChannelUrlError, channelBody, checkChannelUrl, newChannelSecret } from '@keyguard/channels';
import {
  type Channel,
  type ChannelEventName,
  createChannel,
  type Delivery,
  deleteChannel,
  listChannels,
  listDeliveries,
  testChannel,
  updateChannel,
} from '@keyguard/contract';
import { newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ChannelDeliveryDoc, NotificationChannelDoc } from '@keyguard/store';
import { adminOnly, requireAdmin } from '../auth.js';
import type { Api, ApiContext } from '../context.js';
import { userActor } from './keys.js';

const iso = (d: Date) => new Date(d).toISOString();
const unique = (events: ChannelEventName[]) => [...new Set(events)];

/** A channel as the API shows it: never the secret (it is shown once, at creation). */
export const channelView = (c: NotificationChannelDoc): Channel => ({
  id: c._id,
  type: c.type,
  url: c.url,
  events: c.events as ChannelEventName[],
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

export const deliveryView = (d: ChannelDeliveryDoc): Delivery => ({
  id: d._id,
  event: d.event,
  eventId: d.eventId,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: iso(d.createdAt),
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  deliveredAt: d.deliveredAt ? iso(d.deliveredAt) : null,
});

/**
 * Notification channels (team admins): a webhook or Slack URL and the events it wants.
 * The signing secret is generated here, answered once, and stored encrypted with
 * KEYGUARD_CHANNEL_ENCRYPTION_KEY (the notifier decrypts it to sign). "Send test" queues a
 * `channel.test` delivery that the notifier's worker delivers like any other.
 */
export function notificationChannelRoutes(app: Api, ctx: ApiContext): void {
  const allowPrivate = ctx.config.KEYGUARD_ALLOW_PRIVATE_WEBHOOKS === true;

  async function validUrl(url: string): Promise<string> {
    try {
      return (await checkChannelUrl(url, { allowPrivate })).toString();
    } catch (error) {
      if (error instanceof ChannelUrlError) throw new HttpError(400, 'invalid_channel_url', error.message);
      throw error;
    }
  }
  const found = async (teamId: string, id: string) => {
    const channel = await ctx.channels.get(teamId, id);
    if (!channel) throw new HttpError(404, 'not_found', 'no such notification channel');
    return channel;
  };

  app.route({
    ...listChannels,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      return { items: (await ctx.channels.list(p.team._id)).map(channelView) };
    },
  });

  app.route({
    ...createChannel,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const body = { ...request.body, events: unique(request.body.events) };
      if (!ctx.secretBox)
        throw new HttpError(409, 'channels_unavailable', 'notification channels need KEYGUARD_CHANNEL_ENCRYPTION_KEY on keys-api and the notifier');
      const url = await validUrl(body.url);
      const id = newId('nch');
      const secret = newChannelSecret();
      const now = new Date();
      const channel: NotificationChannelDoc = {
        _id: id,
        teamId: p.team._id,
        type: body.type,
        url,
        events: body.events,
        secretEncrypted: ctx.secretBox.encrypt(secret, id),
        createdBy: p.user._id,
        createdAt: now,
        updatedAt: now,
      };
      await ctx.channels.create(channel);
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'channel.created',
        target: { type: 'channel', id },
        details: { type: body.type, url, events: body.events },
      });
      return reply.code(201).send({ ...channelView(channel), secret });
    },
  });

  app.route({
    ...updateChannel,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      const body = request.body;
      await found(p.team._id, request.params.id);
      const set = { ...(body.url ? { url: await validUrl(body.url) } : {}), ...(body.events ? { events: unique(body.events) } : {}) };
      const updated = await ctx.channels.update(p.team._id, request.params.id, set);
      if (!updated) throw new HttpError(404, 'not_found', 'no such notification channel');
      await ctx.audit.record({
        teamId: p.team._id,
        actor: userActor(p),
        action: 'channel.updated',
        target: { type: 'channel', id: updated._id },
        details: set,
      });
      return channelView(updated);
    },
  });

  app.route({
    ...deleteChannel,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      if (!(await ctx.channels.remove(p.team._id, request.params.id))) throw new HttpError(404, 'not_found', 'no such notification channel');
      await ctx.deliveries.removeChannel(request.params.id);
      await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'channel.deleted', target: { type: 'channel', id: request.params.id } });
      return reply.code(204).send();
    },
  });

  app.route({
    ...testChannel,
    preValidation: adminOnly,
    handler: async (request, reply) => {
      const p = requireAdmin(request);
      const channel = await found(p.team._id, request.params.id);
      const now = new Date();
      const eventId = `channel.test:${randomUUID()}`;
      const event = {
        id: eventId,
        type: 'channel.test' as const,
        createdAt: now.toISOString(),
        teamId: p.team._id,
        data: { summary: `Test message from Keyguard, sent by ${p.user.name || p.user.email}` },
      };
      const delivery: ChannelDeliveryDoc = {
        _id: `${channel._id}:${eventId}`,
        channelId: channel._id,
        teamId: p.team._id,
        event: 'channel.test',
        eventId,
        orderKey: eventId,
        seq: now.getTime() * 1000,
        body: channelBody(channel.type, event),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        lastStatus: null,
        lastError: null,
        createdAt: now,
        deliveredAt: null,
      };
      await ctx.deliveries.enqueue([delivery]);
      return reply.code(202).send({ delivery: deliveryView(delivery) });
    },
  });

  app.route({
    ...listDeliveries,
    preValidation: adminOnly,
    handler: async (request) => {
      const p = requireAdmin(request);
      await found(p.team._id, request.params.id);
      return { items: (await ctx.deliveries.list(request.params.id, request.query.limit)).map(deliveryView) };
    },
  });
}
