export { allTopics, TopicConfigs, Topics, type TopicName } from './topics.js';
export { AnyEnvelope, createEnvelope, type EnvelopeInit, envelopeFields, envelopeOf } from './envelope.js';
export {
  GithubPushData,
  GithubSourceEvent,
  GitlabPushData,
  GitlabSourceEvent,
  PostmanEventData,
  PostmanResourceRef,
  PostmanResourceType,
  PostmanSourceEvent,
  Provider,
  type SourceEvent,
  type SourceEventOf,
  SourceEvents,
} from './source-events.js';
export {
  Confidence,
  ExposureDetected,
  ExposureLocation,
  ExposureOverflow,
  ExposurePayload,
  TokenHash,
  TOO_MANY_SECRETS_RULE,
} from './exposures.js';
export { Actor, KeyEvent, KeyRevoked, KeyRevokedPayload, RevocationReason } from './key-events.js';
export { DeadLetter } from './dlq.js';
export {
  ExposureAction,
  ExposureRecorded,
  ExposureRecordedPayload,
  FindingEvent,
  FindingResolved,
  FindingResolvedPayload,
  KeyRef,
  RecordedLocation,
} from './finding-events.js';
export { KeyState, KeyStatus, KeyUsed, KeyUsedPayload } from './key-state.js';
export { ScanReason, ScanRequested, ScanRequestedPayload } from './scan-requests.js';
