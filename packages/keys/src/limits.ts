/**
 * How much one finding keeps (README "Limits"). A secret found in thousands of places must not
 * grow its document without bound (MongoDB refuses documents over 16 MB, and every answer that
 * carries the finding grows with it): the oldest entries are dropped first.
 */

/** Places kept in `locations` (the latest); `locationCount` still counts every one. */
export const MAX_FINDING_LOCATIONS = 100;

/** Entries kept in `history` (the latest). */
export const MAX_FINDING_HISTORY = 100;

/**
 * Location identities remembered to keep `locations` free of duplicates. Larger than what is
 * shown, so a place seen again is recognised long after it left `locations`.
 */
export const MAX_FINDING_LOCATION_KEYS = 1000;
