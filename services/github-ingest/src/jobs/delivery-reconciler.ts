import { randomUUID } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { setTimeout as wait } from 'node:timers/promises';
import { boundedFetch, type UpstreamLimits } from '@keyguard/ingest-kit';
import type { Logger } from '@keyguard/logger';
import { createCursorRepository, createDeliveryRepository, type Store } from '@keyguard/store';
import type { GithubAppCredentials } from '../adapters/github-api.js';
import { type HookDelivery, planRedeliveries } from '../domain/deliveries.js';

/** A repository webhook to reconcile: `owner/repo:hookId` in GITHUB_RECONCILE_HOOKS. */
export interface RepositoryHook {
  owner: string;
  repo: string;
  hookId: number;
}

export interface ReconcilerOptions {
  store: Store;
  logger: Logger;
  baseUrl: string;
  /** App mode: the App's own webhook deliveries (GET /app/hook/deliveries, as the App). */
  app?: GithubAppCredentials;
  /** Repository webhooks, read and redelivered with `token` (it needs the repository's webhook permission). */
  hooks: readonly RepositoryHook[];
  token?: string;
  /** How far back the first run looks (later runs start where the previous one stopped). */
  lookbackMs?: number;
  /** Redelivery requests per event at most. */
  maxAttempts?: number;
  /** Time and size limits of every GitHub call (the ingest service's upstream limits). */
  limits: UpstreamLimits;
}

interface SourceCursor {
  /** Newest delivery time fully looked at. */
  since: string;
  /** Redeliveries asked for, per event guid: count and when (pruned after the look-back). */
  attempted: Record<string, { count: number; at: string }>;
}

/** Deliveries can be listed a little out of order: each run re-reads this much before its cursor. */
const OVERLAP_MS = 5 * 60_000;
const CURSOR_ID = 'github-delivery-reconciler';

export interface ReconcileResult {
  /** false when another process holds the reconciler's lease. */
  ran: boolean;
  redelivered: string[];
}

/**
 * GitHub never redelivers a failed webhook by itself. This lists recent deliveries of the App
 * (App mode) and of the configured repository webhooks, and asks GitHub to redeliver each
 * event that failed every attempt and never reached our ledger. The receiver drops duplicates
 * by delivery id as always, so a redelivery that races a late success is harmless. Its cursor
 * (per source: newest delivery looked at, redeliveries asked for) lives in MongoDB with a
 * lease, so of several github-ingest processes one reconciles at a time.
 */
export function createDeliveryReconciler(options: ReconcilerOptions) {
  const cursors = createCursorRepository(options.store);
  const ledger = createDeliveryRepository(options.store);
  const lookbackMs = options.lookbackMs ?? 24 * 3600_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const request = { fetch: boundedFetch(options.limits) };
  const log = { debug: () => {}, info: () => {}, warn: (m: string) => options.logger.warn(m), error: (m: string) => options.logger.error(m) };
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const appClient = options.app
    ? new Octokit({ baseUrl, authStrategy: createAppAuth, auth: options.app, request, log, userAgent: 'keyguard-reconciler' })
    : undefined;
  const tokenClient = new Octokit({ baseUrl, auth: options.token, request, log, userAgent: 'keyguard-reconciler' });

  const sources = [
    ...(appClient
      ? [{ key: 'app', client: appClient, list: 'GET /app/hook/deliveries', redeliver: 'POST /app/hook/deliveries/{delivery_id}/attempts', params: {} }]
      : []),
    ...options.hooks.map((h) => ({
      key: `repo:${h.owner}/${h.repo}:${h.hookId}`,
      client: tokenClient,
      list: 'GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries',
      redeliver: 'POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts',
      params: { owner: h.owner, repo: h.repo, hook_id: h.hookId },
    })),
  ];

  async function reconcile(
    source: (typeof sources)[number],
    cursor: SourceCursor | undefined,
    now: number,
  ): Promise<{ cursor: SourceCursor; redelivered: string[] }> {
    const since = cursor ? Date.parse(cursor.since) - OVERLAP_MS : now - lookbackMs;
    const deliveries: HookDelivery[] = [];
    // newest first, page by page (Octokit follows GitHub's cursor links) until older than `since`
    for await (const page of source.client.paginate.iterator(
      source.list as 'GET /app/hook/deliveries',
      { ...source.params, per_page: 100 } as { per_page: number },
    )) {
      const items = page.data as Array<{ id: number; guid: string; delivered_at: string; status_code: number; redelivery: boolean }>;
      for (const item of items) {
        if (Date.parse(item.delivered_at) < since) continue;
        deliveries.push({ id: item.id, guid: item.guid, deliveredAt: item.delivered_at, statusCode: item.status_code, redelivery: item.redelivery });
      }
      if (items.length === 0 || Date.parse(items.at(-1)!.delivered_at) < since) break;
    }
    const attempted = Object.fromEntries(Object.entries(cursor?.attempted ?? {}).filter(([, a]) => Date.parse(a.at) >= now - lookbackMs));
    const received = await ledger.received('github', [...new Set(deliveries.map((d) => d.guid))]);
    const plan = planRedeliveries(deliveries, received, Object.fromEntries(Object.entries(attempted).map(([g, a]) => [g, a.count])), maxAttempts);
    const redelivered: string[] = [];
    for (const delivery of plan.redeliver) {
      attempted[delivery.guid] = { count: (attempted[delivery.guid]?.count ?? 0) + 1, at: new Date(now).toISOString() };
      try {
        await source.client.request(
          source.redeliver as 'POST /app/hook/deliveries/{delivery_id}/attempts',
          { ...source.params, delivery_id: delivery.id } as { delivery_id: number },
        );
        redelivered.push(delivery.guid);
      } catch (error) {
        options.logger.warn({ err: error, source: source.key, guid: delivery.guid }, 'GitHub refused a redelivery');
      }
    }
    for (const s of plan.skipped) options.logger.debug({ source: source.key, ...s }, 'failed delivery not redelivered');
    const newest = deliveries.reduce((max, d) => Math.max(max, Date.parse(d.deliveredAt)), cursor ? Date.parse(cursor.since) : since);
    return { cursor: { since: new Date(newest).toISOString(), attempted }, redelivered };
  }

  return {
    sources: sources.map((s) => s.key),
    /** One pass over every source; skipped when another process holds the lease. */
    async runOnce(now = Date.now()): Promise<ReconcileResult> {
      const holder = randomUUID();
      const value = (await cursors.acquire(CURSOR_ID, holder, 10 * 60_000)) as Record<string, SourceCursor> | undefined;
      if (value === undefined) return { ran: false, redelivered: [] };
      const next: Record<string, SourceCursor> = { ...value };
      const redelivered: string[] = [];
      try {
        for (const source of sources) {
          try {
            const result = await reconcile(source, value[source.key], now);
            next[source.key] = result.cursor;
            redelivered.push(...result.redelivered);
          } catch (error) {
            options.logger.warn({ err: error, source: source.key }, 'could not list GitHub deliveries; next run retries');
          }
        }
      } finally {
        await cursors.release(CURSOR_ID, holder, next);
      }
      if (redelivered.length > 0) options.logger.info({ redelivered: redelivered.length }, 'asked GitHub to redeliver failed webhooks');
      return { ran: true, redelivered };
    },
    /** Runs now and then every `intervalMs` until stopped. */
    start(intervalMs: number) {
      const stopping = new AbortController();
      const loop = (async () => {
        while (!stopping.signal.aborted) {
          await this.runOnce().catch((error: unknown) => options.logger.warn({ err: error }, 'delivery reconciler run failed'));
          await wait(intervalMs, undefined, { signal: stopping.signal }).catch(() => {});
        }
      })();
      return {
        async stop() {
          stopping.abort();
          await loop;
        },
      };
    },
  };
}
export type DeliveryReconciler = ReturnType<typeof createDeliveryReconciler>;
