import { z } from 'zod';
import { DateTime, IdParams } from './common.js';
import { endpoint } from './endpoint.js';
import { authErrors, bodyErrors, errors } from './errors.js';

/** The events a channel can subscribe to. */
export const ChannelEventName = z.enum(['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved']);
export type ChannelEventName = z.output<typeof ChannelEventName>;

export const ChannelType = z.enum(['webhook', 'slack']);
export type ChannelType = z.output<typeof ChannelType>;

/** A notification channel; its signing secret is answered only once, at creation. */
export const Channel = z
  .object({
    id: z.string(),
    type: ChannelType,
    url: z.string(),
    events: z.array(ChannelEventName),
    createdAt: DateTime,
    updatedAt: DateTime,
  })
  .meta({ id: 'Channel' });
export type Channel = z.output<typeof Channel>;

export const CreatedChannel = Channel.extend({
  secret: z.string().describe('whsec_…: verifies X-Keyguard-Signature; shown only in this answer'),
});
export type CreatedChannel = z.output<typeof CreatedChannel>;

/** One event to one channel, as the delivery log shows it. */
export const Delivery = z
  .object({
    id: z.string(),
    event: z.string().describe('exposure.detected, key.revoked, finding.created, finding.resolved or channel.test'),
    eventId: z.string(),
    status: z.enum(['pending', 'delivering', 'succeeded', 'failed']),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: DateTime,
    nextAttemptAt: DateTime.nullable(),
    deliveredAt: DateTime.nullable(),
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.output<typeof Delivery>;

const Events = z.array(ChannelEventName).min(1, 'subscribe to at least one event').max(4);
const Url = z.string().min(1).max(2048);

export const CreateChannel = z.object({ type: ChannelType, url: Url, events: Events }).strict();
export type CreateChannel = z.input<typeof CreateChannel>;
export const PatchChannel = z.object({ url: Url.optional(), events: Events.optional() }).strict();
export type PatchChannel = z.input<typeof PatchChannel>;
export const DeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type DeliveriesQuery = z.input<typeof DeliveriesQuery>;

const tags = ['notification channels'];

export const listChannels = endpoint({
  method: 'GET',
  url: '/notification-channels',
  schema: {
    summary: "The team's webhook and Slack channels (admins)",
    tags,
    response: { 200: z.object({ items: z.array(Channel) }), ...errors(...authErrors, 403) },
  },
});

export const createChannel = endpoint({
  method: 'POST',
  url: '/notification-channels',
  schema: {
    summary:
      'Add a channel (admins); the signing secret is answered once. 400 invalid_channel_url for a refused URL; 409 channels_unavailable without KEYGUARD_CHANNEL_ENCRYPTION_KEY',
    tags,
    body: CreateChannel,
    response: { 201: CreatedChannel, ...errors(...bodyErrors, ...authErrors, 403, 409) },
  },
});

export const updateChannel = endpoint({
  method: 'PATCH',
  url: '/notification-channels/:id',
  schema: {
    summary: "Change a channel's URL or events (admins)",
    tags,
    params: IdParams,
    body: PatchChannel,
    response: { 200: Channel, ...errors(...bodyErrors, ...authErrors, 403, 404) },
  },
});

export const deleteChannel = endpoint({
  method: 'DELETE',
  url: '/notification-channels/:id',
  schema: {
    summary: 'Delete a channel and its delivery log (admins)',
    tags,
    params: IdParams,
    response: { 204: z.undefined().describe('Deleted'), ...errors(...authErrors, 403, 404) },
  },
});

export const testChannel = endpoint({
  method: 'POST',
  url: '/notification-channels/:id/test',
  schema: {
    summary: 'Queue a channel.test delivery (admins)',
    tags,
    params: IdParams,
    response: { 202: z.object({ delivery: Delivery }), ...errors(...authErrors, 403, 404) },
  },
});

export const listDeliveries = endpoint({
  method: 'GET',
  url: '/notification-channels/:id/deliveries',
  schema: {
    summary: "A channel's latest deliveries: status, attempts, last error (admins)",
    tags,
    params: IdParams,
    querystring: DeliveriesQuery,
    response: { 200: z.object({ items: z.array(Delivery) }), ...errors(400, ...authErrors, 403, 404) },
  },
});
