import { type PostmanEventData, type PostmanResourceRef, PostmanResourceType } from '@keyguard/events';
import { z } from 'zod';

export const ResourceType = PostmanResourceType;
export type ResourceType = PostmanResourceType;

/** The body of `POST /webhooks/postman` (DESIGN.md). `content` is what the Postman API returns for the resource. */
export const PostmanEvent = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  occurredAt: z.string().optional(),
  resource: z.object({
    type: ResourceType,
    id: z.string().min(1).max(200),
    workspaceId: z.string().max(200).optional(),
    url: z.string().max(2000).optional(),
    visibility: z.string().max(50).optional(),
  }),
  content: z.record(z.string(), z.unknown()).optional(),
});
export type PostmanEvent = z.infer<typeof PostmanEvent>;

/** Signatures older (or further in the future) than this are replays. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

/** `X-Postman-Timestamp` in unix seconds (or milliseconds); undefined when it is not a number. */
export function parseTimestamp(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,16}$/.test(value)) return undefined;
  const n = Number(value);
  return n < 1e12 ? n * 1000 : n;
}

export function withinWindow(timestampMs: number, nowMs: number): boolean {
  return Math.abs(nowMs - timestampMs) <= SIGNATURE_WINDOW_MS;
}

export type ResourceRef = PostmanResourceRef;

/** What the source event carries: the resource to fetch, never its content (the topic's schema is in @keyguard/events). */
export type EventData = PostmanEventData;

export const isPublic = (visibility: string | undefined) => visibility === 'public';

/** A link a person can open for a resource. */
export function resourceUrl(resource: ResourceRef): string {
  if (resource.url) return resource.url;
  const ws = resource.workspaceId ? `workspace/${encodeURIComponent(resource.workspaceId)}/` : '';
  return resource.type === 'workspace'
    ? `https://www.postman.com/workspace/${encodeURIComponent(resource.id)}`
    : `https://www.postman.com/${ws}${resource.type}/${encodeURIComponent(resource.id)}`;
}
