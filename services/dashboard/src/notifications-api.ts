/** keys-api's notification-channel endpoints (team admins); types from @keyguard/contract. */
import type { Channel, ChannelEventName, ChannelType, CreatedChannel, Delivery } from '@keyguard/contract';
import { request } from './api';

export type { Channel, ChannelEventName, ChannelType, Delivery };
export const channelEvents: readonly ChannelEventName[] = ['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved'];

const path = (id: string) => `/notification-channels/${encodeURIComponent(id)}`;

export const channelsApi = {
  list: async () => (await request<{ items: Channel[] }>('GET', '/notification-channels')).items,
  create: (body: { type: ChannelType; url: string; events: ChannelEventName[] }) => request<CreatedChannel>('POST', '/notification-channels', body),
  update: (id: string, body: { url?: string; events?: ChannelEventName[] }) => request<Channel>('PATCH', path(id), body),
  remove: (id: string) => request<void>('DELETE', path(id)),
  test: (id: string) => request<{ delivery: Delivery }>('POST', `${path(id)}/test`, {}),
  deliveries: async (id: string) => (await request<{ items: Delivery[] }>('GET', `${path(id)}/deliveries?limit=20`)).items,
};
