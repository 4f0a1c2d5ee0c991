import type { Collection } from 'mongodb';
import type { ApiKeyDoc, FindingDoc, Store } from '@keyguard/store';

/**
 * Bookkeeping fields this package adds to the store's documents. They are additive: readers
 * that only know ApiKeyDoc / FindingDoc ignore them.
 */
export type KeyRecord = ApiKeyDoc & {
  /** Set by the revoking update, cleared once the audit entry, finding and event are done. */
  revocationPending?: boolean;
  /** Grows by one with every change of status, expiry or exposure (the key-state record's `version`). */
  stateVersion?: number;
  /** Set by a state change, cleared once that state is on keyguard.key-state.v1. */
  statePending?: boolean;
  /** When the last state change was written. */
  stateChangedAt?: Date;
};

export type FindingRecord = FindingDoc & {
  /** One identity string per location: what keeps `locations` free of duplicates. */
  locationKeys?: string[];
};

export const keyRecords = (store: Store): Collection<KeyRecord> => store.db.collection<KeyRecord>('apiKeys');
export const findingRecords = (store: Store): Collection<FindingRecord> => store.db.collection<FindingRecord>('findings');
