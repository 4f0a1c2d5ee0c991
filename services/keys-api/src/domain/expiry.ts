const DAY_MS = 24 * 60 * 60 * 1000;

/** With the team's "expire keys after N days" set, a key expires at createdAt + N days. */
export function expiryFor(createdAt: Date, keyExpiryDays: number | null, requested: Date | null): Date | null {
  return keyExpiryDays === null ? requested : new Date(createdAt.getTime() + keyExpiryDays * DAY_MS);
}

/** Keys created at or before this instant are already past an N-day expiry at `now`. */
export function expiredIfCreatedBefore(now: Date, keyExpiryDays: number): Date {
  return new Date(now.getTime() - keyExpiryDays * DAY_MS);
}
