/**
 * Kafka topic names. Versioned: a breaking payload change gets a new topic. The README's topic
 * table lists exactly these (packages/events/test/readme-topics.test.ts checks it).
 */
export const Topics = {
  /**
   * Normalised provider events, one topic per provider (each with its own schema, see
   * `SourceEvents`), keyed by `provider:resource id`; read by the same ingest service's worker.
   */
  sourceEvents: {
    github: 'keyguard.source-events.github.v1',
    gitlab: 'keyguard.source-events.gitlab.v1',
    postman: 'keyguard.source-events.postman.v1',
  },
  /** One message per distinct secret occurrence, keyed by tokenHash; read by policy. */
  exposures: 'keyguard.exposures.v1',
  /** Scan jobs (history of a repository made public, App backfills, on-demand scans), keyed by `provider:target`; read by that provider's ingest service. */
  scanRequests: 'keyguard.scan-requests.v1',
  /** Key lifecycle (revoked, ...), keyed by keyId; read by notifier and audit. */
  keyEvents: 'keyguard.key-events.v1',
  /** What the policy recorded and how findings were resolved, keyed by tokenHash; read by notifier. */
  findings: 'keyguard.findings.v1',
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

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type TopicName = Leaves<typeof Topics>;

/** Every topic name, flattened. */
export const allTopics = (): TopicName[] => Object.values(Topics).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t))) as TopicName[];

/**
 * Topic-level settings a topic is created with (the rest are the broker's defaults).
 * key-state is a table: compaction keeps the last record per key hash, and hourly segments let
 * the cleaner reach new records within about an hour, so a starting verifier reads little more
 * than one record per key.
 */
export const TopicConfigs: Partial<Record<TopicName, Record<string, string>>> = {
  [Topics.keyState]: { 'cleanup.policy': 'compact', 'segment.ms': String(60 * 60 * 1000), 'min.cleanable.dirty.ratio': '0.1' },
};
