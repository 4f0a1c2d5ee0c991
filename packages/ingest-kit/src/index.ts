export {
  createPartnerAlertVerifier,
  type PartnerAlertVerifier,
  type PartnerAlertVerifierOptions,
  PublicKeysDocument,
  type VerifyResult,
} from './partner-alert-verifier.js';
export {
  type BodySlots,
  createBodySlots,
  GITHUB_MAX_PAYLOAD_BYTES,
  headerValue,
  LARGE_BODY_BYTES,
  largeBodyGuard,
  parseJson,
  rawJsonBodies,
  refuseBeforeBody,
} from './raw-body.js';
export { hmacSha256Hex, safeEqual, verifySha256Signature } from './signatures.js';
export { type Acceptance, createDeliveryClaims, createDeliveryGate, type DeliveryClaims, type DeliveryGate, type Publication } from './delivery-gate.js';
export {
  DEFAULT_MAX_EXPOSURES_PER_EVENT,
  distinctOccurrences,
  eventExposures,
  type EventExposuresInit,
  exposureMessage,
  type FoundSecret,
  sourceEventMessage,
  stableId,
} from './exposures.js';
export { type AddedLine, addedLines, joinLines } from './diff.js';
export { isBinaryPath, isVendoredPath, looksBinary, shouldScanPath } from './paths.js';
export { type LineFinding, scanAddedLines, scanFile, toFound } from './scan.js';
export { boundedFetch, classifyUpstream, mapLimit, sleep, upstreamFetch, type UpstreamLimits } from './upstream.js';
export { type SourceWorkerOptions, startSourceWorker } from './worker.js';
export { type PartnerAlertHandlerOptions, partnerAlertHandler, partnerSignatureHeaders } from './partner-alert-route.js';
export {
  issuedKeysIn,
  locateUrl,
  type PartnerAlertInput,
  type PartnerFeedback,
  PartnerMatch,
  PartnerMatches,
  partnerAlertExposures,
} from './partner-alerts.js';
export { type IngestServiceConfig, ingestDefaults, ingestFields, withIngestDefaults } from './service-config.js';
export {
  type IngestBaseConfig,
  type IngestContext,
  type IngestDeps,
  type IngestLimits,
  type IngestServiceDefinition,
  type RunningService,
  startIngestService,
} from './service-runtime.js';
export { createDetectionMetrics, type DetectionMetrics, type DetectionSource } from './detection-metrics.js';
export { type ScanJobContext, type ScanJobRunner, type ScanJobWorkerOptions, type ScanOutcome, startScanJobWorker } from './scan-job-worker.js';
export { type HistoryJobOptions, type HistoryLimits, runHistoryJob } from './history-job.js';
export { type HistoryConfig, historyDefaults, historyFields, historyLimits } from './history-config.js';
export { scanJobId, scanRequestMessage } from './scan-request.js';
export { relayPublicKeyField, type SealedFinding, sealingScanner } from './relay-sealing.js';
