import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults, runScenario } from './scenario.mjs';
import { startChaosStack } from './stack.mjs';

/**
 * The chaos suite, reduced for `npm test` (the whole one: `npm run chaos`): its own one-broker
 * engines, the services as real processes under the supervisor, 60 leaked live keys per
 * scenario at 60/s (kept short for CI's two cores; the whole suite sends 1,000 at 100/s). kill -9 policy mid-batch, and kill -9 notifier right after an email went
 * out: every key is still refused, revoked once, emailed once, and nothing is dead-lettered.
 * Ports: KEYGUARD_CHAOS_PORT, else 200 above the test broker's.
 */
const testKafkaPort = Number((process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',')[0].split(':')[1]);
const basePort = Number(process.env.KEYGUARD_CHAOS_PORT ?? testKafkaPort + 200);
const exposures = 60;
const lines = [];
const log = (m) => lines.push(m);
let stack;

describe('chaos (reduced): processes killed mid-stream lose nothing and double nothing', () => {
  beforeAll(async () => {
    stack = await startChaosStack({ brokers: 1, basePort, log });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    console.log(lines.join('\n'));
  });

  for (const name of ['policy-kill', 'notifier-kill']) {
    it(`${name}: every exposed key refused, one revocation and one email each, nothing in the DLQ`, async () => {
      const figures = await runScenario(stack, { name, exposures, rate: 60, fault: faults[name], log, convergeTimeoutMs: 180_000 });
      expect(figures.problems).toEqual([]);
      expect(figures).toMatchObject({ refused: exposures, doubleRevocations: 0, emails: exposures, dlq: 0 });
    }, 240_000);
  }
});
