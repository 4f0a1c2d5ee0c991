/**
 * The documented limits of keys-api (README "Limits"): what one person or one key can pile up.
 * Lists are paged instead (GET /keys, /users, /exposures, /findings, /audit: at most 200 a page).
 */

/** Live (not revoked) keys one person may hold; POST /keys answers 409 KEY_LIMIT_REACHED beyond it. */
export const MAX_LIVE_KEYS_PER_USER = 100;

/** Browser sessions one key may have open; opening another ends the oldest. */
export const MAX_SESSIONS_PER_KEY = 10;
