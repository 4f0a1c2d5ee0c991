import type { Collection } from 'mongodb';
import type { ApiKeyDoc, FindingDoc, Store } from '@keyguard/store';

/**
 * Bookkeeping fields this package adds to the store's documents. They are additive: readers
 * that only know ApiKeyDoc / FindingDoc ignore them.
 */
export type KeyRecord = ApiKeyDoc & {
  /** Set by the revoking update, cleared once the audit entry, finding and event are done. */
  revocationPending?: boolean;
};

export type FindingRecord = FindingDoc & {
  /** One identity string per location: what keeps `locations` free of duplicates. */
  locationKeys?: string[];
};

export const keyRecords = (store: Store): Collection<KeyRecord> => store.db.collection<KeyRecord>('apiKeys');
export const findingRecords = (store: Store): Collection<FindingRecord> => store.db.collection<FindingRecord>('findings');
