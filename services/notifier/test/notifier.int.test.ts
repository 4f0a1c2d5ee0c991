import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createKafka, createPublisher, type Kafka, type Publisher } from '@keyguard/bus';
import { newChannelSecret, verifySignature } from '@keyguard/channels';
import { createLogger } from '@keyguard/logger';
import { createSecretBox } from '@keyguard/seal';
import { connectStore, type Store } from '@keyguard/store';
import { mailTo, startReceiver } from '@keyguard/testkit/alerts';
import { uniqueName } from '@keyguard/testkit/bus';
import { eventually, uriWithDatabase } from '@keyguard/testkit/keys';
import { uniqueDbName } from '@keyguard/testkit/store';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../src/config.js';
import { type RunningNotifier, startService } from '../src/service.js';
import { recordedEvent, revokedEvent } from './support.js';

const logger = createLogger({ name: 'notifier-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });
const encryptionKey = randomBytes(32).toString('hex');
const dbName = uniqueDbName('notifier');
const mongoUri = uriWithDatabase(process.env.MONGODB_URI!, dbName);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const topics = { keyEvents: uniqueName('keyguard.key-events'), findings: uniqueName('keyguard.findings') };

async function start(smtpUrl: string, env: Record<string, string> = {}, groupId = uniqueName('notifier'), onTopics = topics, database = mongoUri) {
  const config = Config.parse({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: database,
    SMTP_URL: smtpUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
    KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: 'true',
    KEYGUARD_CHANNEL_ENCRYPTION_KEY: encryptionKey,
    WEBHOOK_RETRY_INITIAL_MS: '100',
    WEBHOOK_RETRY_MAX_MS: '400',
    DIGEST_SETTLE_MS: '500',
    ...env,
  });
  return startService(config, {
    logger,
    topics: onTopics,
    groupId,
    tickMs: 100,
    smtpRetryMs: 500,
    retry: { initialDelayMs: 200, maxDelayMs: 1000, retries: 30 },
  });
}

let kafka: Kafka;
let publisher: Publisher;
let notifier: RunningNotifier;
let store: Store;

async function team(settings: Record<string, unknown> = {}) {
  const teamId = uniqueName('team');
  const admin = `${uniqueName('admin')}@example.test`;
  await store.collections.teams.insertOne({
    _id: teamId,
    name: teamId,
    settings: { allowMemberKeyGeneration: true, keyExpiryDays: null, autoRevokeExposed: false, ...settings },
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await store.collections.users.insertOne({ _id: uniqueName('usr'), teamId, email: admin, name: 'Team Admin', role: 'team_admin', createdAt: new Date() });
  return { teamId, admin };
}

const publish = (topic: string, events: { id: string; payload: { tokenHash?: string; keyId?: string } }[]) =>
  publisher.publish(
    topic,
    events.map((e) => ({ key: e.payload.tokenHash ?? e.payload.keyId ?? e.id, value: e })),
  );

beforeAll(async () => {
  kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'notifier-test', logger });
  publisher = createPublisher(kafka, { logger });
  store = await connectStore({ uri: mongoUri, logger });
  notifier = await start(process.env.SMTP_URL!);
});
afterAll(async () => {
  await notifier?.stop();
  await publisher?.disconnect();
  await store?.close();
});

describe('revocation emails', () => {
  it('emails the owner once per key.revoked event, however often it is redelivered, with what happened and what to do', async () => {
    const email = `${uniqueName('owner')}@example.test`;
    const event = revokedEvent(email);
    for (let i = 0; i < 3; i++) await publish(topics.keyEvents, [event]);
    const [mail] = await eventually(async () => ((await mailTo(email)).length > 0 ? mailTo(email) : undefined), { what: 'the email' });
    expect(mail!.subject).toContain('CI deploy key');
    expect(mail!.text).toContain('PMAK-…9f3e');
    expect(mail!.text).toContain('automatically revoked');
    expect(mail!.text).toContain('https://www.postman.com/acme/collection/c-1');
    expect(mail!.text).toContain('What to do next');
    expect(mail!.html).toContain('<a href="https://www.postman.com/acme/collection/c-1">');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('explains an expiry revocation', async () => {
    const email = `${uniqueName('owner')}@example.test`;
    await publish(topics.keyEvents, [revokedEvent(email, { reason: 'expired', actor: { type: 'system', id: 'expiry-sweeper' }, exposure: null })]);
    const [mail] = await eventually(async () => ((await mailTo(email)).length > 0 ? mailTo(email) : undefined));
    expect(mail!.text).toContain('inactivity past its expiration date');
  });

  it('retries while SMTP is down and sends once it is back', async () => {
    const port = await freePort();
    // Its own topics and database: the notifier of the file must not send this one.
    const own = { keyEvents: uniqueName('keyguard.key-events'), findings: uniqueName('keyguard.findings') };
    const down = await start(`smtp://127.0.0.1:${port}`, {}, uniqueName('down'), own, uriWithDatabase(process.env.MONGODB_URI!, uniqueDbName('notifier_down')));
    const received: { to: string; subject: string }[] = [];
    let server: SMTPServer | undefined;
    try {
      const email = `${uniqueName('owner')}@example.test`;
      await publish(own.keyEvents, [revokedEvent(email)]);
      await new Promise((r) => setTimeout(r, 1500)); // a few failed attempts
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
      await eventually(async () => received.some((r) => r.to === email) || undefined, { timeoutMs: 20_000, what: 'the retried email' });
      await new Promise((r) => setTimeout(r, 1000));
      expect(received.filter((r) => r.to === email)).toHaveLength(1);
    } finally {
      await down.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
  });
});

describe('exposure alerts', () => {
  it('tells the owner, the admins and the security contacts within seconds, then coalesces a burst into one more email per window', async () => {
    const contact = `${uniqueName('security')}@example.test`;
    const { teamId, admin } = await team({ securityContacts: [contact], digestWindowMs: 4000 });
    const owner = { id: uniqueName('usr'), name: 'Grace', email: `${uniqueName('owner')}@example.test` };
    const first = recordedEvent({ teamId, owner, keyName: 'first key' });
    const started = Date.now();
    await publish(topics.findings, [first]);
    const [leading] = await eventually(async () => ((await mailTo(owner.email)).length > 0 ? mailTo(owner.email) : undefined), { what: 'the first alert' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(leading!.subject).toBe('API key "first key" was found in public');
    expect(leading!.text).toContain(`#/exposed/${first.payload.key!.id}`);
    expect(leading!.text).toContain('It still works');

    // A burst of 30 more, twice delivered: one more email each, listing all 30 once.
    const burst = Array.from({ length: 30 }, (_, i) =>
      recordedEvent({ teamId, owner, keyName: `burst key ${i}`, action: i % 2 ? 'revoked' : 'marked_exposed' }),
    );
    await publish(topics.findings, burst);
    await publish(topics.findings, burst);
    for (const to of [owner.email, admin, contact]) {
      const mails = await eventually(async () => ((await mailTo(to)).length >= 2 ? mailTo(to) : undefined), { timeoutMs: 20_000, what: `the digest to ${to}` });
      expect(mails).toHaveLength(2);
      const digest = mails.find((m) => m.subject.startsWith('Keyguard:'))!;
      expect(digest.subject).toBe('Keyguard: 30 API keys exposed, 15 revoked');
      for (const event of burst) expect(digest.text.split(`"${event.payload.key!.name}"`).length - 1).toBe(1);
      expect(digest.html).toContain('<h3>');
    }
    const ownerDigest = (await mailTo(owner.email)).find((m) => m.subject.startsWith('Keyguard:'))!;
    expect(ownerDigest.text).not.toContain('owned by Grace');
    const adminDigest = (await mailTo(admin)).find((m) => m.subject.startsWith('Keyguard:'))!;
    expect(adminDigest.text).toContain('owned by Grace');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await mailTo(owner.email)).toHaveLength(2);
  });

  it('alerts the security contacts of every team about a third-party token', async () => {
    const a = `${uniqueName('sec-a')}@example.test`;
    const b = `${uniqueName('sec-b')}@example.test`;
    await team({ securityContacts: [a] });
    await team({ securityContacts: [b] });
    await publish(topics.findings, [recordedEvent({ teamId: null, ruleId: 'github-pat-classic' })]);
    for (const to of [a, b]) {
      const [mail] = await eventually(async () => ((await mailTo(to)).length > 0 ? mailTo(to) : undefined), { what: `the alert to ${to}` });
      expect(mail!.subject).toBe('A GitHub personal access token was found in public');
      expect(mail!.text).toContain('not one of your keys');
      expect(mail!.text).toContain('#/findings/fnd_');
    }
  });

  it('keeps waiting digest items across a restart: a crashed notifier loses no alert', async () => {
    const { teamId } = await team();
    const owner = { id: uniqueName('usr'), name: 'Lin', email: `${uniqueName('owner')}@example.test` };
    // A notifier of its own topics, whose SMTP is unreachable: it stores the item, then stops.
    const own = { keyEvents: uniqueName('keyguard.key-events'), findings: uniqueName('keyguard.findings') };
    const first = await start('smtp://127.0.0.1:1', { DIGEST_SETTLE_MS: '60000' }, uniqueName('restart'), own);
    await publish(own.findings, [recordedEvent({ teamId, owner, keyName: 'survivor' })]);
    await eventually(async () => (await store.collections.digestItems.countDocuments({ email: owner.email })) > 0 || undefined, { what: 'the stored item' });
    await first.stop();
    // The item waits in MongoDB; another notifier's flusher sends it when it is due.
    await store.collections.digests.updateMany({ email: owner.email }, { $set: { dueAt: new Date() } });
    const [mail] = await eventually(async () => ((await mailTo(owner.email)).length > 0 ? mailTo(owner.email) : undefined), {
      timeoutMs: 20_000,
      what: 'the email after the restart',
    });
    expect(mail!.subject).toContain('survivor');
  });
});

describe('channels', () => {
  const box = createSecretBox(encryptionKey);
  async function channel(
    teamId: string,
    url: string,
    type: 'webhook' | 'slack' = 'webhook',
    events = ['exposure.detected', 'finding.created', 'key.revoked', 'finding.resolved'],
  ) {
    const id = uniqueName('nch');
    const secret = newChannelSecret();
    await store.collections.notificationChannels.insertOne({
      _id: id,
      teamId,
      type,
      url,
      events,
      secretEncrypted: box.encrypt(secret, id),
      createdBy: 'usr_test',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await new Promise((r) => setTimeout(r, 2100)); // the notifier reads channels at most every 2 s
    return { id, secret };
  }

  it('delivers signed webhooks, and Slack messages, for the events a channel subscribed to', async () => {
    const { teamId } = await team();
    const hook = await startReceiver();
    const slack = await startReceiver();
    try {
      const { secret } = await channel(teamId, hook.url);
      await channel(teamId, slack.url, 'slack', ['exposure.detected']);
      const owner = { id: uniqueName('usr'), name: 'Ken', email: `${uniqueName('owner')}@example.test` };
      const event = recordedEvent({ teamId, owner, keyName: 'webhook key' });
      await publish(topics.findings, [event, event]);
      await eventually(async () => hook.received.length >= 2 || undefined, { what: 'the webhooks' });
      const types = hook.received.map((r) => JSON.parse(r.body).type);
      expect(types).toEqual(['exposure.detected', 'finding.created']);
      for (const r of hook.received) {
        expect(verifySignature(secret, r.body, String(r.headers['x-keyguard-signature']))).toBe(true);
      }
      const body = JSON.parse(hook.received[0]!.body);
      expect(body).toMatchObject({ type: 'exposure.detected', teamId, data: { key: { name: 'webhook key' }, action: 'marked_exposed' } });
      const [message] = await eventually(async () => (slack.received.length > 0 ? slack.received : undefined), { what: 'the Slack message' });
      const parsed = JSON.parse(message!.body);
      expect(parsed.text).toContain('webhook key');
      expect(parsed.blocks[0].type).toBe('section');
      await new Promise((r) => setTimeout(r, 500));
      expect(hook.received).toHaveLength(2);
    } finally {
      await hook.stop();
      await slack.stop();
    }
  });

  it('retries a failing channel with backoff and delivers every event afterwards, in order per key', async () => {
    const { teamId } = await team();
    let failing = true;
    const hook = await startReceiver(() => (failing ? 500 : 200));
    try {
      const { id } = await channel(teamId, hook.url, 'webhook', ['exposure.detected', 'key.revoked']);
      const owner = { id: uniqueName('usr'), name: 'Ola', email: `${uniqueName('owner')}@example.test` };
      const exposed = recordedEvent({ teamId, owner, keyName: 'ordered key' });
      const revoked = revokedEvent(owner.email, { keyId: exposed.payload.key!.id, teamId, name: 'ordered key' });
      const other = recordedEvent({ teamId, owner, keyName: 'other key' });
      await publish(topics.findings, [exposed]);
      await eventually(async () => (await store.collections.channelDeliveries.findOne({ channelId: id, attempts: { $gte: 2 } })) ?? undefined, {
        what: 'failed attempts',
      });
      await publish(topics.keyEvents, [revoked]);
      await publish(topics.findings, [other]);
      await new Promise((r) => setTimeout(r, 800));
      const failed = await store.collections.channelDeliveries.find({ channelId: id }).toArray();
      expect(failed.every((d) => d.status !== 'succeeded')).toBe(true);
      expect(failed.find((d) => d.event === 'exposure.detected' && d.orderKey === exposed.payload.key!.id)).toMatchObject({
        lastStatus: 500,
        lastError: 'HTTP 500',
      });
      failing = false;
      await eventually(async () => hook.received.length >= 3 || undefined, { timeoutMs: 10_000, what: 'the deliveries after the outage' });
      const mine = hook.received.map((r) => JSON.parse(r.body)).filter((b) => b.data.key?.id === exposed.payload.key!.id);
      expect(mine.map((b) => b.type)).toEqual(['exposure.detected', 'key.revoked']);
      // The worker records each success right after the receiver answered.
      await eventually(
        async () => (await store.collections.channelDeliveries.find({ channelId: id }).toArray()).every((d) => d.status === 'succeeded') || undefined,
        { what: 'every delivery succeeded' },
      );
    } finally {
      await hook.stop();
    }
  });

  it('refuses to deliver to a private address unless the operator allows it', async () => {
    const { teamId } = await team();
    const hook = await startReceiver();
    const strict = await start(process.env.SMTP_URL!, { KEYGUARD_ALLOW_PRIVATE_WEBHOOKS: 'false' });
    try {
      // The permissive notifier of this file would deliver it: give this channel to a team only the strict one serves.
      const { id } = await channel(teamId, hook.url.replace('127.0.0.1', '127.0.0.2'), 'webhook', ['key.revoked']);
      await publish(topics.keyEvents, [revokedEvent(`${uniqueName('o')}@example.test`, { teamId })]);
      const delivery = await eventually(
        async () => (await store.collections.channelDeliveries.findOne({ channelId: id, lastError: /REFUSED_ADDRESS/ })) ?? undefined,
        { what: 'a refused attempt' },
      );
      expect(delivery.lastError).toContain('private');
    } finally {
      await strict.stop();
      await hook.stop();
    }
  });
});
