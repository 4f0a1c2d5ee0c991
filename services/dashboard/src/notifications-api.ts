/** keys-api's notification-channel endpoints (team admins). */
import { request } from './api';

export type ChannelType = 'webhook' | 'slack';
export const channelEvents = ['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved'] as const;
export type ChannelEventName = (typeof channelEvents)[number];

export interface Channel {
  id: string;
  type: ChannelType;
  url: string;
  events: ChannelEventName[];
  createdAt: string;
  updatedAt: string;
}

export interface Delivery {
  id: string;
  event: string;
  eventId: string;
  status: 'pending' | 'delivering' | 'succeeded' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

const path = (id: string) => `/notification-channels/${encodeURIComponent(id)}`;

export const channelsApi = {
  list: async () => (await request<{ items: Channel[] }>('GET', '/notification-channels')).items,
  create: (body: { type: ChannelType; url: string; events: ChannelEventName[] }) => request<Channel & { secret: string }>('POST', '/notification-channels', body),
  update: (id: string, body: { url?: string; events?: ChannelEventName[] }) => request<Channel>('PATCH', path(id), body),
  remove: (id: string) => request<void>('DELETE', path(id)),
  test: (id: string) => request<{ delivery: Delivery }>('POST', `${path(id)}/test`, {}),
  deliveries: async (id: string) => (await request<{ items: Delivery[] }>('GET', `${path(id)}/deliveries?limit=20`)).items,
};
