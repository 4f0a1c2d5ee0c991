import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/** docker-compose.yml: every Keyguard service has a readiness healthcheck; consumers run replicated. */
const file = new URL('../../infra/docker-compose.yml', import.meta.url);
type ComposeService = { command?: string[]; healthcheck?: { test: string[] }; deploy?: { replicas?: number }; environment?: Record<string, unknown> };
const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const keyguard = Object.entries(compose.services).filter(([, s]) => s.command?.some((c) => c.startsWith('services/')));

describe('infra/docker-compose.yml', () => {
  it('checks every Keyguard service on the /readyz of its operations port (PORT + 1100)', () => {
    expect(keyguard.length).toBeGreaterThanOrEqual(9);
    for (const [name, s] of keyguard) {
      expect(s.healthcheck?.test.join(' '), name).toContain(`127.0.0.1:${Number(s.environment?.PORT) + 1100}/readyz`);
    }
  });

  it('runs the consumer groups with replicas (policy, notifier, the ingest workers)', () => {
    for (const name of ['policy', 'notifier', 'github-ingest-worker', 'gitlab-ingest-worker', 'postman-ingest-worker']) {
      expect(compose.services[name]?.deploy?.replicas, name).toBeGreaterThanOrEqual(2);
    }
  });
});
