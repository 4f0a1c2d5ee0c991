import type { Provider } from '@keyguard/events';
import { Counter, Histogram, type Registry } from 'prom-client';

/**
 * Detection in Prometheus, per source (the provider; `partner` for partner alerts), the
 * numbers the Grafana dashboard and the alerting rules in infra/monitoring read:
 * - keyguard_detection_latency_seconds{source}: webhook received → its exposures published
 *   (acknowledged by Kafka);
 * - keyguard_ingest_events_total{source,outcome}: events handled, `exposures` (some found),
 *   `clean` (none) or `dead_lettered` (given up on, sent to the DLQ);
 * - keyguard_ingest_exposures_total{source}: exposures published.
 */
export type DetectionSource = Provider | 'partner';

export function createDetectionMetrics(registry: Registry) {
  const latency = new Histogram({
    name: 'keyguard_detection_latency_seconds',
    help: 'Webhook received to its exposures published, by source',
    labelNames: ['source'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const events = new Counter({
    name: 'keyguard_ingest_events_total',
    help: 'Events handled by the ingest workers and partner-alert receivers, by source and outcome',
    labelNames: ['source', 'outcome'],
    registers: [registry],
  });
  const exposures = new Counter({
    name: 'keyguard_ingest_exposures_total',
    help: 'Exposures published, by source',
    labelNames: ['source'],
    registers: [registry],
  });
  return {
    /** One event's exposures are published, `seconds` after its webhook was received. */
    published(source: DetectionSource, seconds: number, count: number): void {
      latency.observe({ source }, Math.max(0, seconds));
      events.inc({ source, outcome: count > 0 ? 'exposures' : 'clean' });
      if (count > 0) exposures.inc({ source }, count);
    },
    deadLettered(source: DetectionSource, count: number): void {
      if (count > 0) events.inc({ source, outcome: 'dead_lettered' }, count);
    },
  };
}
export type DetectionMetrics = ReturnType<typeof createDetectionMetrics>;
