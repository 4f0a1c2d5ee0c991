export { API_KEY_PATTERN, hashApiKey, isApiKeyFormat, type IssuedKey, issueApiKey, newId, previewOf } from './key-material.js';
export { type IssuedToken, isScimTokenFormat, isServiceTokenFormat, issueScimToken, issueServiceToken } from './issued-tokens.js';
export { locationKey } from './location.js';
export { MAX_FINDING_HISTORY, MAX_FINDING_LOCATION_KEYS, MAX_FINDING_LOCATIONS } from './limits.js';
export {
  createRevoker,
  revocationEventId,
  type Revoker,
  type RevokerOptions,
  type RevokeOptions,
  type RevokeResult,
} from './revoke.js';
export {
  createFindingRecorder,
  type ExposureRecord,
  type FindingOutcome,
  findingIdFor,
  type FindingRecorder,
  type FindingRecorderOptions,
  type TokenMatch,
} from './findings.js';
export { createExpirySweeper, type ExpirySweeper, expirySweeperActor } from './expiry.js';
export { retryingStoreBusy } from './store-errors.js';
export { changing, createKeyStatePublisher, initialState, type KeyStatePublisher, type KeyStatePublisherOptions, stateChange } from './key-state.js';
export { dayString, type InsightsSummary, insightsRange, type Latency, latencyOf, percentile, summarize } from './insights.js';
