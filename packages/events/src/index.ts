export { Topics, type TopicName } from './topics.js';
export { AnyEnvelope, createEnvelope, type EnvelopeInit, envelopeFields, envelopeOf } from './envelope.js';
export { Provider, SourceEventReceived } from './source-events.js';
export {
  Confidence,
  ExposureDetected,
  ExposureLocation,
  ExposurePayload,
  TokenHash,
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
