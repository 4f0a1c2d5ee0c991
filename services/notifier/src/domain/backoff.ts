export interface BackoffPolicy {
  /** First retry delay. */
  initialMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
  /** Give up this long after the event (24 h by default). */
  retryForMs: number;
}

/**
 * When to try a failed delivery again: exponential (×2 per attempt) with ±20 % jitter, capped,
 * or null once the retry period is over. Pure, so the schedule lives in the store, not in memory.
 */
export function nextAttemptAt(policy: BackoffPolicy, attempts: number, createdAt: Date, now: Date, random = Math.random): Date | null {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempts - 1));
  const delay = base * (0.8 + 0.4 * random());
  const at = new Date(now.getTime() + delay);
  return at.getTime() - createdAt.getTime() > policy.retryForMs ? null : at;
}
