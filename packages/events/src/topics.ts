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
  /** What the policy recorded and how findings were resolved, keyed by tokenHash; read by notifier. */
  findings: 'keyguard.findings.v1',
  /** Messages a consumer could not handle, with the reason; keyed by the original key. */
  dlq: 'keyguard.dlq.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];
