/**
 * One chaos scenario: live keys of a team with auto-revoke on are leaked through postman-ingest
 * (signed Postman events, one key each) at `rate`/s; a sender retries a non-2xx answer or a
 * refused connection with backoff, as Postman and GitHub redeliver. `fault` strikes once a
 * third of them are out. Then it waits until the pipeline has caught up and checks what
 * users rely on: every key refused by the API, one revocation each in the audit log, one
 * email each, nothing in the DLQ. Returns the figures it printed.
 */
import { randomBytes } from 'node:crypto';
import { createKafka } from '@keyguard/bus';
import { issueApiKey, newId } from '@keyguard/keys';
import { createLogger } from '@keyguard/logger';
import { connectStore } from '@keyguard/store';
import pRetry from 'p-retry';
import { signedPostmanLeak } from '../../infra/lib/postman-event.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const logger = createLogger({ name: 'chaos', level: 'silent' });

/** Messages on keyguard.dlq.v1 (all partitions) — the stack's broker is the suite's own. */
async function dlqCount(kafka) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes('keyguard.dlq.v1')) return 0;
    const offsets = await admin.fetchTopicOffsets('keyguard.dlq.v1');
    return offsets.reduce((n, o) => n + Number(BigInt(o.high) - BigInt(o.low)), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * @param {Awaited<ReturnType<typeof import('./stack.mjs').startChaosStack>>} stack
 * @param {{ name: string, exposures?: number, rate?: number, fault: (ctx: { stack: typeof stack, log: (m: string) => void }) => Promise<{ endedAt?: number } | void>, log?: (m: string) => void, convergeTimeoutMs?: number }} options
 */
export async function runScenario(stack, { name, exposures = 1000, rate = 100, fault, log = console.log, convergeTimeoutMs = 240_000 }) {
  const dbName = `chaos_${name.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  const kafka = createKafka({ brokers: stack.kafkaBrokers.split(','), clientId: 'chaos', logger });
  const dlqBefore = await dlqCount(kafka).catch(() => 0);
  await stack.startServices(dbName);
  const store = await connectStore({ uri: stack.mongoUri(dbName), logger, ensureIndexes: false });
  const keysApi = `http://127.0.0.1:${stack.service('keys-api').port}`;

  // The team auto-revokes; one owner holds every live key (created as keys-api would).
  await store.collections.teams.updateOne({ _id: 'team_default' }, { $set: { 'settings.autoRevokeExposed': true } });
  const owner = {
    _id: newId('usr'),
    teamId: 'team_default',
    email: `owner-${dbName}@example.test`,
    name: 'Chaos owner',
    role: 'member',
    createdAt: new Date(),
  };
  await store.collections.users.insertOne(owner);
  const keys = Array.from({ length: exposures }, (_, i) => {
    const m = issueApiKey();
    const doc = {
      _id: newId('key'),
      hash: m.hash,
      preview: m.preview,
      name: `chaos ${i}`,
      teamId: 'team_default',
      createdBy: owner._id,
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      status: 'enabled',
      revokedAt: null,
      revocation: null,
      exposure: null,
    };
    return { raw: m.raw, doc, exposedAt: 0, acceptedAt: 0, attempts: 0 };
  });
  for (let i = 0; i < keys.length; i += 500) await store.collections.apiKeys.insertMany(keys.slice(i, i + 500).map((k) => k.doc));

  // The senders: one event per key, retried until acknowledged, with a backoff that doubles
  // from 0.5 s to 30 s and full jitter (what a webhook sender does; a tight retry loop from
  // thousands of senders would only keep an overloaded receiver overloaded).
  const postman = () => `http://127.0.0.1:${stack.service('postman-ingest').port}/webhooks/postman`;
  let retried = 0;
  async function send(key) {
    const eventId = randomBytes(16).toString('hex');
    key.exposedAt = Date.now();
    for (let delay = 500; ; delay = Math.min(30_000, delay * 2)) {
      key.attempts += 1;
      const { body, headers } = signedPostmanLeak(key.raw, stack.secrets.POSTMAN_WEBHOOK_SECRET, { eventId });
      const ok = await fetch(postman(), { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).then(
        async (r) => {
          await r.arrayBuffer();
          return r.ok;
        },
        () => false,
      );
      if (ok) {
        key.acceptedAt = Date.now();
        return;
      }
      retried += 1;
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }
  const startedAt = Date.now();
  let faultAt = 0;
  let faultEndedAt = 0;
  let faultDone;
  const sends = [];
  for (let i = 0; i < keys.length; i++) {
    const due = startedAt + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    sends.push(send(keys[i]));
    if (i === Math.floor(keys.length / 3)) {
      faultAt = Date.now();
      faultDone = Promise.resolve(fault({ stack, log })).then((r) => {
        faultEndedAt = r?.endedAt ?? Date.now();
      });
    }
  }
  await Promise.all(sends);
  const sentAt = Date.now(); // every leak acknowledged
  await faultDone;

  // Wait for the pipeline to catch up: every key revoked and finished, every email out.
  // Alerts come in digests (issue 12): one email may tell of many keys, each in a block that
  // starts `* API key "chaos 12" (…)`; its revocation is the block's "Revoked on …" line (an
  // earlier email may already have said it was found). Emailed once = every key's revocation in
  // exactly one email (Message-ID); a re-send after a crash carries the same Message-ID, which a
  // mailbox shows once.
  const ownKeyIds = new Set(keys.map((k) => k.doc._id));
  const keyIdByName = new Map(keys.map((k) => [k.doc.name, k.doc._id]));
  async function mail() {
    const all = await fetch(`${stack.smtpHttp}/messages`).then(
      (r) => r.json(),
      () => null,
    );
    return (all ?? []).filter((m) => m.envelope?.to?.includes(owner.email));
  }
  /** key id → the Message-IDs of the emails that name it. */
  function emailsPerKey(messages) {
    const perKey = new Map();
    for (const m of messages) {
      for (const block of `${m.text ?? ''}`.split('\n* ').slice(1)) {
        const id = keyIdByName.get(/^API key "(chaos \d+)"/.exec(block)?.[1]);
        if (!id || !block.includes('Revoked on ')) continue;
        if (!perKey.has(id)) perKey.set(id, new Set());
        perKey.get(id).add(m.messageId);
      }
    }
    return perKey;
  }
  const deadline = Date.now() + convergeTimeoutMs;
  for (;;) {
    const [revoked, pending, messages] = await Promise.all([
      store.collections.apiKeys.countDocuments({ teamId: 'team_default', createdBy: owner._id, status: 'revoked' }),
      store.collections.apiKeys.countDocuments({ createdBy: owner._id, revocationPending: true }),
      mail(),
    ]);
    const emailed = emailsPerKey(messages);
    if ((revoked === keys.length && pending === 0 && emailed.size >= keys.length) || Date.now() > deadline) break;
    await sleep(500);
  }
  const convergedAt = Date.now();

  // What users rely on.
  const problems = [];
  const docs = await store.collections.apiKeys.find({ createdBy: owner._id }, { projection: { _id: 1, revokedAt: 1, status: 1 } }).toArray();
  const revokedAt = new Map(docs.map((d) => [d._id, d.revokedAt ? d.revokedAt.getTime() : null]));
  let refusedByApi = 0;
  for (let i = 0; i < keys.length; i += 25) {
    const statuses = await Promise.all(
      keys.slice(i, i + 25).map((k) =>
        fetch(`${keysApi}/api/v1/me`, { headers: { authorization: `Bearer ${k.raw}` } }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    refusedByApi += statuses.filter((st) => st === 401).length;
  }
  if (refusedByApi !== keys.length) problems.push(`${keys.length - refusedByApi} exposed key(s) still accepted by the API`);
  const audits = await store.collections.auditLog
    .aggregate([{ $match: { action: 'key.revoked' } }, { $group: { _id: '$target.id', n: { $sum: 1 } } }])
    .toArray();
  const auditOf = new Map(audits.filter((a) => ownKeyIds.has(a._id)).map((a) => [a._id, a.n]));
  const doubleRevocations = [...auditOf.values()].filter((n) => n > 1).length;
  const unaudited = keys.filter((k) => !auditOf.has(k.doc._id)).length;
  if (doubleRevocations > 0) problems.push(`${doubleRevocations} key(s) revoked twice in the audit log`);
  if (unaudited > 0) problems.push(`${unaudited} revocation(s) missing from the audit log`);
  const messages = await mail();
  const perKey = emailsPerKey(messages);
  const missingEmails = keys.filter((k) => !perKey.has(k.doc._id)).length;
  const doubleEmails = [...perKey.values()].filter((ids) => ids.size > 1).length;
  const strayEmails = messages.filter((m) => ![...`${m.text ?? ''}`.matchAll(/API key "(chaos \d+)"/g)].some(([, name]) => keyIdByName.has(name))).length;
  const resent = messages.length - new Set(messages.map((m) => m.messageId)).size;
  if (missingEmails > 0) problems.push(`${missingEmails} revocation(s) without an email`);
  if (doubleEmails > 0) problems.push(`${doubleEmails} key(s) in two different emails`);
  if (strayEmails > 0) problems.push(`${strayEmails} email(s) for no revocation of this run`);
  const dlq = (await dlqCount(kafka)) - dlqBefore;
  if (dlq !== 0) problems.push(`${dlq} message(s) in the DLQ`);

  // Figures.
  // Measured from the leak (the sender's first attempt), not from its acknowledgement: a leak
  // the receiver answered 503 while Kafka was away still waited, in the sender's backoff.
  // Recovery: from the fault's end until every key leaked before then is refused.
  const latencies = keys.map((k) => (revokedAt.get(k.doc._id) ?? convergedAt) - k.exposedAt).sort((a, b) => a - b);
  const beforeEnd = keys.filter((k) => k.exposedAt <= faultEndedAt);
  const lastRefusal = Math.max(...beforeEnd.map((k) => revokedAt.get(k.doc._id) ?? convergedAt));
  const emailsDone = Math.max(...messages.map((m) => Date.parse(m.receivedAt)));
  const figures = {
    name,
    brokers: stack.brokers,
    exposures: keys.length,
    /** Leaks per second as sent (first attempts); the senders' retries may take longer to be acknowledged. */
    rate: Math.round((keys.length / Math.max(1, Math.max(...keys.map((k) => k.exposedAt)) - startedAt)) * 1000),
    acknowledgedSeconds: (sentAt - startedAt) / 1000,
    retried,
    faultSeconds: (faultEndedAt - faultAt) / 1000,
    refusalP50: pct(latencies, 50),
    refusalMax: latencies.at(-1),
    recovery: Math.max(0, lastRefusal - faultEndedAt),
    emailsRecovery: Math.max(0, emailsDone - faultEndedAt),
    refused: refusedByApi,
    doubleRevocations,
    emails: perKey.size,
    /** Distinct emails per revoked key that was emailed: 1.00 = exactly one each. */
    emailsPerRevocation: perKey.size ? [...perKey.values()].reduce((n, ids) => n + ids.size, 0) / perKey.size : 0,
    resent,
    dlq,
    problems,
  };
  log(
    `${name} (${stack.brokers} broker${stack.brokers > 1 ? 's' : ''}): ${keys.length} exposures at ${figures.rate}/s (all acknowledged after ${figures.acknowledgedSeconds.toFixed(1)} s, ${retried} sender retries); fault ${s(faultEndedAt - faultAt)}; ` +
      `refused ${refusedByApi}/${keys.length} (exposure→refusal p50 ${Math.round(figures.refusalP50)} ms, max ${s(figures.refusalMax)}); recovery ${s(figures.recovery)} after the fault ended (emails ${s(figures.emailsRecovery)}); ` +
      `double revocations ${doubleRevocations}; emails ${perKey.size}/${keys.length} (${figures.emailsPerRevocation.toFixed(2)} per revocation)${resent ? ` (+${resent} re-sent with the same Message-ID)` : ''}; DLQ ${dlq}` +
      (problems.length ? `\n  PROBLEMS: ${problems.join('; ')}` : ''),
  );
  await store.close();
  await stack.stopServices();
  return figures;
}

/** The faults, by name: each strikes and resolves when it is over (with its end time). */
export const faults = {
  /** kill -9 the broker leading partition 0 of keyguard.exposures.v1; restart it 15 s later. */
  'broker-leader': async ({ stack, log }) => {
    const kafka = createKafka({ brokers: stack.kafkaBrokers.split(','), clientId: 'chaos-admin', logger });
    // On a loaded machine the admin client's first metadata answer can come back empty
    // (kafkajs then reads `topicMetadata` of null): ask again, as a real operator would.
    const leader = await pRetry(
      async () => {
        const admin = kafka.admin();
        try {
          await admin.connect();
          const meta = await admin.fetchTopicMetadata({ topics: ['keyguard.exposures.v1'] });
          return meta.topics[0].partitions.find((p) => p.partitionId === 0).leader;
        } finally {
          await admin.disconnect().catch(() => {});
        }
      },
      { retries: 5, minTimeout: 1000 },
    );
    log(`  kill -9 broker ${leader} (leader of keyguard.exposures.v1 partition 0)`);
    await stack.killBroker(leader);
    await sleep(15_000);
    await stack.restartBroker(leader);
    return { endedAt: Date.now() };
  },
  /** kill -9 policy while it handles a batch; the supervisor restarts it. */
  'policy-kill': async ({ stack, log }) => {
    log('  kill -9 policy');
    stack.killService('policy');
    return { endedAt: Date.now() };
  },
  /** kill -9 notifier just after an email went out, before it commits. */
  'notifier-kill': async ({ stack, log }) => {
    const count = () =>
      fetch(`${stack.smtpHttp}/messages`)
        .then((r) => r.json())
        .then(
          (m) => m.length,
          () => 0,
        );
    const before = await count();
    while ((await count()) === before) await sleep(5);
    log('  kill -9 notifier right after an email arrived');
    stack.killService('notifier');
    return { endedAt: Date.now() };
  },
  /** FerretDB stopped for 20 s. */
  'ferretdb-stop': async ({ stack, log }) => {
    log('  FerretDB stopped for 20 s');
    await stack.stopFerretDb();
    await sleep(20_000);
    await stack.startFerretDb();
    return { endedAt: Date.now() };
  },
  /** The SMTP server down for 30 s. */
  'smtp-down': async ({ stack, log }) => {
    log('  SMTP server down for 30 s');
    await stack.stopSmtp();
    await sleep(30_000);
    await stack.startSmtp();
    return { endedAt: Date.now() };
  },
  /** Kafka unreachable from postman-ingest (receiver and worker) for 15 s; its senders retry the 503s. */
  'ingest-kafka-cut': async ({ stack, log }) => {
    log('  Kafka unreachable from postman-ingest for 15 s');
    await stack.cutIngestFromKafka();
    await sleep(15_000);
    await stack.reconnectIngestToKafka();
    return { endedAt: Date.now() };
  },
};
