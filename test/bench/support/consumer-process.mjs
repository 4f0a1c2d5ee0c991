#!/usr/bin/env node
// One consumer group member in its own process, for the rejoin benchmark:
//   node consumer-process.mjs <topic> <groupId> <sessionTimeoutMs>
// Prints one JSON line per event: {"event":"joined","partitions":[...]} and {"event":"consumed","n":…}
// (the first message after each join), and stops gracefully (LeaveGroup) on SIGTERM.
import { z } from 'zod';
import { createKafka, createPublisher, runConsumer } from '@keyguard/bus';
import { createLogger } from '@keyguard/logger';

const [topic, groupId, session] = process.argv.slice(2);
const logger = createLogger({ name: 'rejoin-bench', level: 'silent' });
const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS.split(','), clientId: 'rejoin-bench', logger });
const publisher = createPublisher(kafka, { logger });
const say = (event) => process.stdout.write(`${JSON.stringify({ ...event, at: Date.now() })}\n`);
let sinceJoin = 0;
const consumer = await runConsumer(kafka, {
  groupId,
  topics: [topic],
  schema: z.object({ n: z.number() }),
  publisher,
  logger,
  sessionTimeoutMs: Number(session),
  handler: async ({ value }) => {
    if (sinceJoin++ === 0) say({ event: 'consumed', n: value.n });
  },
});
consumer.consumer.on(consumer.consumer.events.GROUP_JOIN, ({ payload }) => {
  sinceJoin = 0;
  say({ event: 'joined', partitions: Object.values(payload.memberAssignment).flat() });
});
say({ event: 'joined', partitions: Object.values(consumer.readiness().assignment).flat() });
process.on('SIGTERM', async () => {
  say({ event: 'stopping', longestHeartbeatGapMs: consumer.readiness().longestHeartbeatGapMs });
  await consumer.stop();
  await publisher.disconnect();
  process.exit(0);
});
