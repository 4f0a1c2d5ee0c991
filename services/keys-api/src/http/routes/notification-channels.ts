import { randomUUID } from 'node:crypto';
import { ChannelEventType, ChannelUrlError, channelBody, checkChannelUrl, newChannelSecret } from '@keyguard/channels';
import { newId } from '@keyguard/keys';
import { HttpError } from '@keyguard/runtime';
import type { ChannelDeliveryDoc, NotificationChannelDoc } from '@keyguard/store';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAdmin } from '../auth.js';
import { type ApiContext, parse } from '../context.js';
import { userActor } from './keys.js';

const Events = z.array(ChannelEventType).min(1, 'subscribe to at least one event').max(4).transform((e) => [...new Set(e)]);
const Url = z.string().min(1).max(2048);

export const CreateChannel = z.object({ type: z.enum(['webhook', 'slack']), url: Url, events: Events }).strict();
export const PatchChannel = z.object({ url: Url.optional(), events: Events.optional() }).strict();
export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A channel as the API shows it: never the secret (it is shown once, at creation). */
export const channelView = (c: NotificationChannelDoc) => ({ id: c._id, type: c.type, url: c.url, events: c.events, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) });

export const deliveryView = (d: ChannelDeliveryDoc) => ({
  id: d._id,
  event: d.event,
  eventId: d.eventId,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: iso(d.createdAt),
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  deliveredAt: iso(d.deliveredAt),
});

/**
 * Notification channels (team admins): a webhook or Slack URL and the events it wants.
 * The signing secret is generated here, answered once, and stored encrypted with
 * KEYGUARD_CHANNEL_ENCRYPTION_KEY (the notifier decrypts it to sign). "Send test" queues a
 * `channel.test` delivery that the notifier's worker delivers like any other.
 */
export function notificationChannelRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const allowPrivate = ctx.config.KEYGUARD_ALLOW_PRIVATE_WEBHOOKS;

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

  app.get('/notification-channels', async (request) => {
    const p = requireAdmin(request);
    return { items: (await ctx.channels.list(p.team._id)).map(channelView) };
  });

  app.post('/notification-channels', async (request, reply) => {
    const p = requireAdmin(request);
    const body = parse(CreateChannel, request.body);
    if (!ctx.secretBox) throw new HttpError(409, 'channels_unavailable', 'notification channels need KEYGUARD_CHANNEL_ENCRYPTION_KEY on keys-api and the notifier');
    const url = await validUrl(body.url);
    const id = newId('nch');
    const secret = newChannelSecret();
    const now = new Date();
    const channel: NotificationChannelDoc = { _id: id, teamId: p.team._id, type: body.type, url, events: body.events, secretEncrypted: ctx.secretBox.encrypt(secret, id), createdBy: p.user._id, createdAt: now, updatedAt: now };
    await ctx.channels.create(channel);
    await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'channel.created', target: { type: 'channel', id }, details: { type: body.type, url, events: body.events } });
    return reply.code(201).send({ ...channelView(channel), secret });
  });

  app.patch<{ Params: { id: string } }>('/notification-channels/:id', async (request) => {
    const p = requireAdmin(request);
    const body = parse(PatchChannel, request.body);
    await found(p.team._id, request.params.id);
    const set = { ...(body.url ? { url: await validUrl(body.url) } : {}), ...(body.events ? { events: body.events } : {}) };
    const updated = await ctx.channels.update(p.team._id, request.params.id, set);
    if (!updated) throw new HttpError(404, 'not_found', 'no such notification channel');
    await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'channel.updated', target: { type: 'channel', id: updated._id }, details: set });
    return channelView(updated);
  });

  app.delete<{ Params: { id: string } }>('/notification-channels/:id', async (request, reply) => {
    const p = requireAdmin(request);
    if (!(await ctx.channels.remove(p.team._id, request.params.id))) throw new HttpError(404, 'not_found', 'no such notification channel');
    await ctx.deliveries.removeChannel(request.params.id);
    await ctx.audit.record({ teamId: p.team._id, actor: userActor(p), action: 'channel.deleted', target: { type: 'channel', id: request.params.id } });
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/notification-channels/:id/test', async (request, reply) => {
    const p = requireAdmin(request);
    const channel = await found(p.team._id, request.params.id);
    const now = new Date();
    const eventId = `channel.test:${randomUUID()}`;
    const event = { id: eventId, type: 'channel.test' as const, createdAt: now.toISOString(), teamId: p.team._id, data: { summary: `Test message from Keyguard, sent by ${p.user.name || p.user.email}` } };
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
  });

  app.get<{ Params: { id: string } }>('/notification-channels/:id/deliveries', async (request) => {
    const p = requireAdmin(request);
    const query = parse(DeliveriesQuery, request.query);
    await found(p.team._id, request.params.id);
    return { items: (await ctx.deliveries.list(request.params.id, query.limit)).map(deliveryView) };
  });
}
