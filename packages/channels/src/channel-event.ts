import { z } from 'zod';

/** The events a channel can subscribe to (the public names; `channel.test` is the "send test" action). */
export const ChannelEventType = z.enum(['exposure.detected', 'key.revoked', 'finding.created', 'finding.resolved']);
export type ChannelEventType = z.infer<typeof ChannelEventType>;

const Location = z.object({
  source: z.string(),
  kind: z.string(),
  url: z.string(),
  repository: z.string().optional(),
  commit: z.string().optional(),
  path: z.string().optional(),
  line: z.number().optional(),
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
  jsonPath: z.string().optional(),
  detectedAt: z.string().optional(),
});

const Key = z.object({ id: z.string(), name: z.string(), preview: z.string(), owner: z.object({ name: z.string(), email: z.string() }) });
const Finding = z.object({
  id: z.string(),
  ruleId: z.string(),
  /** Redacted, e.g. `PMAK-…a1b2`; the raw secret is never sent. */
  redacted: z.string(),
  /** Hex SHA-256 of the secret (the form GitHub and Postman share too). */
  tokenHash: z.string(),
  /** The dashboard page of the finding. */
  url: z.string(),
});

/**
 * The JSON body every webhook channel receives (Slack channels get a Slack message made from
 * it). `id` is stable across retries: receivers dedupe with it.
 */
export const ChannelEvent = z.object({
  id: z.string(),
  type: z.union([ChannelEventType, z.literal('channel.test')]),
  createdAt: z.string(),
  /** The team the event is about; null for a third-party token (every team sees those). */
  teamId: z.string().nullable(),
  data: z.object({
    summary: z.string(),
    finding: Finding.optional(),
    key: Key.nullable().optional(),
    action: z.string().optional(),
    locations: z.array(Location).optional(),
    reason: z.string().optional(),
    resolution: z.string().optional(),
    actor: z.object({ type: z.string(), id: z.string(), name: z.string().optional() }).optional(),
    at: z.string().optional(),
  }),
});
export type ChannelEvent = z.infer<typeof ChannelEvent>;

/** Slack's mrkdwn needs &, < and > escaped. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An incoming-webhook message: `text` (notifications, fallbacks) and `blocks` (what people see). */
export function toSlackMessage(event: ChannelEvent): { text: string; blocks: unknown[] } {
  const lines = [`*${slackEscape(event.data.summary)}*`];
  for (const location of (event.data.locations ?? []).slice(0, 5)) {
    const where = [location.repository, location.path && `${location.path}${location.line ? `:${location.line}` : ''}`, location.resourceType]
      .filter(Boolean)
      .join(' ');
    lines.push(
      `• ${slackEscape(location.source)} ${slackEscape(location.kind)}${where ? ` (${slackEscape(where)})` : ''}${location.url ? ` <${location.url}|open>` : ''}`,
    );
  }
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  if (event.data.finding) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Keyguard' }, url: event.data.finding.url }] });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Keyguard · ${event.type} · ${event.createdAt}` }] });
  return { text: event.data.summary, blocks };
}

/** The exact bytes a channel receives. */
export function channelBody(type: 'webhook' | 'slack', event: ChannelEvent): string {
  return JSON.stringify(type === 'slack' ? toSlackMessage(event) : event);
}
