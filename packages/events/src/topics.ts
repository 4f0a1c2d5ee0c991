/** Kafka topic names. Versioned: a breaking payload change gets a new topic. */
export const Topics = {
  /** Normalised provider events, keyed by `source + resource id`; read by the same ingest service's worker. */
  sourceEvents: 'keyguard.source-events.v1',
  /** One message per distinct secret occurrence, keyed by tokenHash; read by policy. */
  exposures: 'keyguard.exposures.v1',
  /** Scan jobs (history of a repository made public, App backfills, on-demand scans), keyed by `provider:target`; read by that provider's ingest service. */
  scanRequests: 'keyguard.scan-requests.v1',
  /** Key lifecycle (revoked, ...), keyed by keyId; read by notifier and audit. */
  keyEvents: 'keyguard.key-events.v1',
  /**
   * Compacted table of every API key's state, keyed by the key's hex SHA-256; values are
   * KeyState records (no envelope). Written by keys-api and policy on every state change; read
   * whole and followed by every verifier (@keyguard/verify).
   */
  keyState: 'keyguard.key-state.v1',
  /** Verifications coalesced per key per second (KeyUsed), keyed by keyId; read by keys-api. */
  keyUsage: 'keyguard.key-usage.v1',
  /** Messages a consumer could not handle, with the reason; keyed by the original key. */
  dlq: 'keyguard.dlq.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/**
 * Topic-level settings a topic is created with (the rest are the broker's defaults).
 * key-state is a table: compaction keeps the last record per key hash, and hourly segments let
 * the cleaner reach new records within about an hour, so a starting verifier reads little more
 * than one record per key.
 */
export const TopicConfigs: Partial<Record<TopicName, Record<string, string>>> = {
  [Topics.keyState]: { 'cleanup.policy': 'compact', 'segment.ms': String(60 * 60 * 1000), 'min.cleanable.dirty.ratio': '0.1' },
};
