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
  /** Key lifecycle (revoked, ...), keyed by keyId; read by notifier and audit. */
  keyEvents: 'keyguard.key-events.v1',
  /** Messages a consumer could not handle, with the reason; keyed by the original key. */
  dlq: 'keyguard.dlq.v1',
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type TopicName = Leaves<typeof Topics>;

/** Every topic name, flattened. */
export const allTopics = (): TopicName[] =>
  Object.values(Topics).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t))) as TopicName[];
