import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'route'>;
}

/** A Prometheus registry per service, with process metrics and the HTTP series. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'keyguard_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'keyguard_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
      registers: [registry],
    }),
  };
}

/** Seconds from an exposure's detection to the key's revocation (policy: auto; keys-api: by a person). */
export function exposureToRevocationHistogram(registry: Registry): Histogram<'source' | 'reason'> {
  return new Histogram({
    name: 'keyguard_exposure_to_revocation_seconds',
    help: 'Exposure detected to key revoked, by first source and revocation reason',
    labelNames: ['source', 'reason'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21_600, 86_400],
    registers: [registry],
  });
}
