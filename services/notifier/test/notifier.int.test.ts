import { createServer } from 'node:net';
import { createKafka, createPublisher, type Kafka, type Publisher } from '@keyguard/bus';
import { uniqueName, waitForCommitted } from '@keyguard/testkit/bus';
import { createEnvelope, type KeyRevokedPayload } from '@keyguard/events';
import { eventually, uriWithDatabase } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { uniqueDbName } from '@keyguard/testkit/store';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';
import { startService } from '../src/service.js';

const logger = createLogger({ name: 'notifier-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });
const sinkUrl = process.env.SMTP_SINK_URL!;

interface SinkMessage {
  subject: string;
  text: string;
  envelope: { to: string[] };
}

const mailTo = async (to: string): Promise<SinkMessage[]> =>
  (await fetch(`${sinkUrl}/messages?to=${encodeURIComponent(to)}`)).json() as Promise<SinkMessage[]>;

function revokedEvent(email: string, overrides: Partial<KeyRevokedPayload> = {}) {
  const keyId = uniqueName('key');
  return createEnvelope(
    'key.revoked',
    {
      keyId,
      teamId: 'team_default',
      name: 'CI deploy key',
      preview: 'PMAK-…9f3e',
      owner: { id: 'usr_1', name: 'Ada', email },
      reason: 'exposure_auto',
      actor: { type: 'system', id: 'policy' },
      revokedAt: new Date().toISOString(),
      exposure: {
        detectedAt: new Date().toISOString(),
        locations: [{ source: 'postman', kind: 'collection', url: 'https://www.postman.com/acme/collection/c-1', resourceType: 'collection', resourceId: 'c-1' }],
      },
      ...overrides,
    } satisfies KeyRevokedPayload,
    { source: 'test', id: `key.revoked:${keyId}` },
  );
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function start(smtpUrl: string) {
  const topic = uniqueName('keyguard.key-events');
  const config = Config.parse({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: uriWithDatabase(process.env.MONGODB_URI!, uniqueDbName('notifier')),
    SMTP_URL: smtpUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const groupId = uniqueName('notifier');
  const running = await startService(config, { logger, topics: { keyEvents: topic }, groupId, retry: { initialDelayMs: 200, maxDelayMs: 1000, retries: 30 } });
  /** Every event published so far was handled (sent, or found already sent). */
  const settled = () => waitForCommitted(kafka, groupId, topic);
  return { topic, running, settled };
}

let kafka: Kafka;
let publisher: Publisher;
let notifier: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'notifier-test', logger });
  publisher = createPublisher(kafka, { logger });
  notifier = await start(process.env.SMTP_URL!);
});
afterAll(async () => {
  await notifier?.running.stop();
  await publisher?.disconnect();
});

describe('notifier', () => {
  it('emails the owner once per key.revoked event, however often it is redelivered, with what happened and what to do', async () => {
    const email = `${uniqueName('owner')}@example.test`;
    const event = revokedEvent(email);
    for (let i = 0; i < 3; i++) await publisher.publish(notifier.topic, [{ key: event.payload.keyId, value: event }]);
    const [mail] = await eventually(async () => ((await mailTo(email)).length > 0 ? mailTo(email) : undefined), { what: 'the email' });
    expect(mail!.subject).toContain('CI deploy key');
    expect(mail!.text).toContain('PMAK-…9f3e');
    expect(mail!.text).toContain('automatically revoked');
    expect(mail!.text).toContain('https://www.postman.com/acme/collection/c-1');
    expect(mail!.text).toContain('What to do next');
    await notifier.settled();
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('explains an expiry revocation', async () => {
    const email = `${uniqueName('owner')}@example.test`;
    const event = revokedEvent(email, { reason: 'expired', actor: { type: 'system', id: 'expiry-sweeper' }, exposure: null });
    await publisher.publish(notifier.topic, [{ key: event.payload.keyId, value: event }]);
    const [mail] = await eventually(async () => ((await mailTo(email)).length > 0 ? mailTo(email) : undefined));
    expect(mail!.text).toContain('inactivity past its expiration date');
  });

  it('retries while SMTP is down and sends once it is back', async () => {
    const port = await freePort();
    const down = await start(`smtp://127.0.0.1:${port}`);
    const received: { to: string; subject: string }[] = [];
    let server: SMTPServer | undefined;
    try {
      const email = `${uniqueName('owner')}@example.test`;
      const event = revokedEvent(email);
      // SMTP "down": whatever connects is cut off at once. Wait for two failed sends.
      let refused = 0;
      const cutter = createServer((socket) => {
        refused += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => cutter.listen(port, '127.0.0.1', resolve));
      await publisher.publish(down.topic, [{ key: event.payload.keyId, value: event }]);
      await eventually(async () => refused >= 2 || undefined, { what: 'two failed SMTP attempts' });
      await new Promise<void>((resolve) => cutter.close(() => resolve()));
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onData(stream, session, callback) {
          simpleParser(stream)
            .then((mail) => {
              received.push({ to: session.envelope.rcptTo[0]?.address ?? '', subject: mail.subject ?? '' });
              callback();
            })
            .catch(callback);
        },
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      await eventually(async () => received.length > 0 || undefined, { timeoutMs: 20_000, what: 'the retried email' });
      await down.settled();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ to: email });
    } finally {
      await down.running.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
  });
});
