import type { PrefilterSnapshot } from './prefilter.js';

/**
 * The default rules' prefilter, built ahead of time. In the source tree it is absent: the
 * package build (`scripts/prefilter-snapshot.mjs`, after tsc) overwrites this module's compiled
 * copy in dist with the snapshot of `createScanner()`'s prefilter. createScanner uses it when its
 * keywords are the ones it was built from (same fingerprint), which saves a fresh process the
 * ~50 ms of building ~3,400 keyword entries and their encoded forms; any other rule set builds
 * its own tables as before.
 */
export const PREFILTER_SNAPSHOT: PrefilterSnapshot | undefined = undefined;
