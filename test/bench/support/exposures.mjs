// What the benchmarks publish on the exposures topic: an `exposure.detected` envelope for a
// token found in a commit of a bench repository, keyed by the token's hash as ingest keys it.
import { createEnvelope } from '@keyguard/events';

/** A commit location of the bench repository; `place` makes each one distinct. */
export const benchLocation = (place) => ({
  source: 'github',
  kind: 'commit',
  url: `https://github.com/bench/r/blob/c${place}/f.txt#L1`,
  repository: 'bench/r',
  commit: `c${place}`,
  path: 'f.txt',
  line: 1,
});

/** The `exposure.detected` envelope for `tokenHash` found at `place`. */
export const detectedExposure = ({ tokenHash, place, ruleId = 'github-pat', redacted = 'ghp_…0000' }) =>
  createEnvelope(
    'exposure.detected',
    { tokenHash, ruleId, redacted, confidence: 'high', detectedAt: new Date().toISOString(), location: benchLocation(place) },
    { source: 'bench' },
  );

/** The same as a message for the exposures topic. */
export const exposureMessage = (exposure) => ({ key: exposure.tokenHash, value: detectedExposure(exposure) });
