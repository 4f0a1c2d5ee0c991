import { randomBytes } from 'node:crypto';
import { brokers, type Harness, mongoUri, startHarness as startIngestHarness } from '@keyguard/testkit/ingest-harness';
import { type ServiceConfig, startService } from '../src/service.js';

export { brokers, type Harness, LogCapture, locationOf, mongoUri, payloadOf, postmanKey } from '@keyguard/testkit/ingest-harness';

export function startHarness(overrides: Partial<ServiceConfig> = {}): Promise<Harness> {
  return startIngestHarness({
    name: 'postman-ingest',
    prefix: 'pm',
    start: startService,
    config: ({ api, secret, hashKey }): ServiceConfig => ({
      PORT: 0,
      KAFKA_BROKERS: brokers,
      MONGODB_URI: mongoUri,
      POSTMAN_WEBHOOK_SECRET: secret,
      KEYGUARD_HASH_KEY: hashKey,
      POSTMAN_API_URL: api.url,
      POSTMAN_API_KEY: 'test-api-key-for-the-fixture',
      ...overrides,
    }),
  });
}

export const sha = () => randomBytes(20).toString('hex');
