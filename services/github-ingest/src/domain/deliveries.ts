/** One entry of GitHub's "list deliveries" answer (App or repository webhook), the fields used here. */
export interface HookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  /** 0 when GitHub got no HTTP answer (timeout, connection refused). */
  statusCode: number;
  redelivery: boolean;
}

export interface RedeliveryPlan {
  /** One delivery id per event to redeliver (its newest failed attempt). */
  redeliver: HookDelivery[];
  /** Events whose attempts all failed but that are not redelivered, and why. */
  skipped: Array<{ guid: string; reason: 'received' | 'attempts_exhausted' }>;
}

const ok = (d: HookDelivery) => d.statusCode >= 200 && d.statusCode < 300;

/**
 * Which events to redeliver: those whose every attempt failed, that our delivery ledger never
 * accepted (GitHub may count a slow 2xx as failed), and that we have not already asked
 * GitHub to redeliver `maxAttempts` times. An event is one `guid` (X-GitHub-Delivery), the same
 * across redeliveries, which is also what the receiver deduplicates on.
 */
export function planRedeliveries(
  deliveries: readonly HookDelivery[],
  received: ReadonlySet<string>,
  attempted: Readonly<Record<string, number>>,
  maxAttempts: number,
): RedeliveryPlan {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const d of deliveries) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
  const plan: RedeliveryPlan = { redeliver: [], skipped: [] };
  for (const [guid, attempts] of byGuid) {
    if (attempts.some(ok)) continue;
    if (received.has(guid)) plan.skipped.push({ guid, reason: 'received' });
    else if ((attempted[guid] ?? 0) >= maxAttempts) plan.skipped.push({ guid, reason: 'attempts_exhausted' });
    else plan.redeliver.push(attempts.reduce((a, b) => (Date.parse(b.deliveredAt) > Date.parse(a.deliveredAt) ? b : a)));
  }
  return plan;
}
