import { hash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createKafka, createPublisher, type Kafka, type Publisher, readTable, type TableReader, type TableRecord } from '@keyguard/bus';
import { KeyState, Topics } from '@keyguard/events';
import { createLogger, type Logger } from '@keyguard/logger';
import { createKeyTable, DISABLED, REVOKED } from './key-table.js';
import { NOT_FOUND, UNAVAILABLE, VerifyResult } from './result.js';
import { openRevokedLog, type RevokedLog } from './revoked-log.js';
import { createUsageReporter, type UsageReporter } from './usage.js';

export interface VerifierOptions {
  /** `host:port` of the Kafka brokers Keyguard writes to. */
  brokers: string[];
  /** The key-state topic (default keyguard.key-state.v1). */
  topic?: string;
  /** Where usage reports go (default keyguard.key-usage.v1); `false` reports nothing. */
  usageTopic?: string | false;
  /**
   * How long the verifier may be out of touch with Kafka before its table no longer counts as
   * current (default 30 000 ms). Then it answers UNAVAILABLE, or — with `failOpen` — from the
   * table as it was.
   */
  maxStalenessMs?: number;
  /** Answer from the last known state when stale, instead of UNAVAILABLE (default false). */
  failOpen?: boolean;
  /**
   * keys-api, asked by `check()` while the table cannot answer (catching up, or stale):
   * `url` is its base URL, `token` a service token with scope keys:verify.
   */
  fallback?: { url: string; token: string; timeoutMs?: number };
  /**
   * The file that remembers every key seen revoked, across restarts (default
   * `.keyguard/verify/<topic>.revoked` under the working directory); `false` keeps it in memory only.
   */
  revokedFile?: string | false;
  logger?: Logger;
  /** Kafka client id (default `keyguard-verify`). */
  clientId?: string;
  /** A Kafka client to use instead of one made from `brokers`. */
  kafka?: Kafka;
}

export interface VerifierStatus {
  /** Caught up with the topic as it was at start. */
  ready: boolean;
  /** Out of touch with Kafka for longer than maxStalenessMs. */
  stale: boolean;
  keys: number;
  /** Milliseconds since Kafka last answered a fetch (null before the first). */
  sinceContactMs: number | null;
  recordsApplied: number;
}

export interface VerifyOptions {
  /** Only keys of this team count: any other key is NOT_FOUND (and its use is not reported). */
  teamId?: string;
}

export interface Verifier {
  /** From memory, synchronously: what the table says about `key` now (UNAVAILABLE when it cannot vouch). */
  verify(key: unknown, options?: VerifyOptions): VerifyResult;
  /** Like `verify`, but asks keys-api (`fallback`) when the table cannot answer. */
  check(key: unknown, options?: VerifyOptions): Promise<VerifyResult>;
  /**
   * Applies states this process wrote itself (keys-api), before Kafka delivers them back: what
   * it just changed is answered at once. `hash` is the key's hex SHA-256, as on the topic.
   */
  remember(states: { hash: string; state: KeyState }[]): void;
  /**
   * The key id the table holds for a key's hex SHA-256, whatever the key's state and whether or
   * not the table is caught up: a hint for looking the key up by id (keys-api's authentication),
   * never an answer about the key. Undefined when the table has not heard of it.
   */
  keyIdOf(hash: string): string | undefined;
  /** Resolves once the table holds every state that was on the topic at start. */
  ready(): Promise<void>;
  status(): VerifierStatus;
  close(): Promise<void>;
}

/** SHA-256 of the key as a 32-character one-byte string ('binary' is Node's name for latin1): the table's Map key. */
const digestOf = (key: string): string => hash('sha256', key, 'binary');

/** Longest string hashed: Keyguard keys are 64 characters; anything far longer is not one. */
const MAX_KEY_LENGTH = 512;

/**
 * An in-process verifier: reads keyguard.key-state.v1 whole into a packed in-memory table and
 * follows it, so `verify(key)` is a SHA-256 and one Map lookup — no network call per request,
 * and a revocation reaches it as fast as Kafka delivers one record. keys-api being down does
 * not matter to it; Kafka being unreachable for longer than `maxStalenessMs` does (see there).
 * Starts at once and catches up in the background: `ready()` says when.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const logger = options.logger ?? createLogger({ name: 'keyguard-verify', level: 'warn' });
  const log = logger.child({ component: 'verifier' });
  const topic = options.topic ?? Topics.keyState;
  const maxStalenessMs = options.maxStalenessMs ?? 30_000;
  const failOpen = options.failOpen ?? false;
  const verifierId = randomUUID();
  // Reconnects at least every 2 s: a broker that comes back is noticed within seconds.
  const kafka = options.kafka ?? createKafka({ brokers: options.brokers, clientId: options.clientId ?? 'keyguard-verify', logger, maxRetryTimeMs: 2000 });
  const table = createKeyTable();
  /** Answers already built, per slot, rebuilt when the key's state or code changes. */
  const answers: (VerifyResult | undefined)[] = [];

  const revokedLog: RevokedLog | null =
    options.revokedFile === false ? null : openRevokedLog(options.revokedFile ?? join(process.cwd(), '.keyguard', 'verify', `${topic}.revoked`));
  for (const digest of revokedLog?.load() ?? []) table.markRevoked(digest);

  let publisher: Publisher | undefined;
  let usage: UsageReporter | undefined;
  if (options.usageTopic !== false) {
    publisher = createPublisher(kafka, { logger, lingerMs: 5 });
    usage = createUsageReporter({ publisher, topic: options.usageTopic ?? Topics.keyUsage, verifierId, logger: log });
  }

  /** The table's Map key for a record key (the hex SHA-256), or null when it is not one. */
  const digestFromHex = (hex: string): string | null => {
    const digest = Buffer.from(hex, 'hex').toString('latin1');
    return digest.length === 32 ? digest : null;
  };

  function applyState(digest: string, state: KeyState, revokedNow: string[]): void {
    const outcome = table.apply(digest, state);
    if (outcome === 'stale') return;
    answers[table.slotOf(digest)] = undefined;
    if (outcome === 'revoked') revokedNow.push(digest);
  }

  function apply(records: TableRecord[]): void {
    const revokedNow: string[] = [];
    for (const record of records) {
      const digest = record.key ? digestFromHex(record.key.toString('ascii')) : null;
      if (!digest) continue;
      // Keyguard never deletes a key's state (a revoked key stays revoked), and a tombstone
      // carries no version to prove it newer than what the table holds: it changes nothing.
      if (record.value === null) continue;
      let state: KeyState;
      try {
        state = KeyState.parse(JSON.parse(record.value.toString('utf8')));
      } catch {
        log.warn({ partition: record.partition, offset: record.offset }, 'skipped a key-state record that is not a KeyState');
        continue;
      }
      applyState(digest, state, revokedNow);
    }
    // Written before the batch counts as read: a restart re-reads anything not remembered here.
    revokedLog?.append(revokedNow);
  }

  let reader: TableReader | undefined;
  let closed = false;
  let markReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  void (async () => {
    // Kafka may be down when the service starts: keep trying, answering UNAVAILABLE meanwhile.
    for (let attempt = 0; !closed; attempt++) {
      try {
        reader = await readTable(kafka, { topic, logger, apply, groupPrefix: 'keyguard.verify' });
        break;
      } catch (err) {
        log.warn({ err, attempt }, 'cannot read the key-state topic yet; retrying');
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
    if (!reader) return;
    if (closed) {
      await reader.stop(); // created while closing
      return;
    }
    const started = reader;
    void started.ready().then(() => {
      log.info({ keys: table.size(), records: started.applied() }, 'verifier caught up');
      markReady();
    });
  })();

  const isStale = () => Date.now() - (reader?.lastContactAt() ?? 0) > maxStalenessMs;
  const canAnswer = () => reader?.isReady() === true && (failOpen || !isStale());

  function fromTable(key: unknown, teamId: string | undefined): VerifyResult {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return NOT_FOUND;
    const slot = table.slotOf(digestOf(key));
    if (slot < 0) return NOT_FOUND;
    const now = Date.now();
    const status = table.status(slot);
    if (status !== REVOKED && !table.hasState(slot)) return NOT_FOUND;
    if (teamId !== undefined && (!table.hasState(slot) || table.owner(slot).teamId !== teamId)) return NOT_FOUND;
    const code = status === REVOKED ? 'REVOKED' : status === DISABLED ? 'DISABLED' : table.expiresAt(slot) <= now ? 'EXPIRED' : 'VALID';
    let answer = answers[slot];
    if (answer?.code !== code) {
      answer = build(slot, code);
      answers[slot] = answer;
    }
    if (code === 'VALID') usage?.record(answer.keyId!, answer.teamId!, now);
    return answer;
  }

  function build(slot: number, code: VerifyResult['code']): VerifyResult {
    if (!table.hasState(slot)) return Object.freeze({ valid: false, code, exposed: false });
    const owner = table.owner(slot);
    const expiresAt = table.expiresAt(slot);
    return Object.freeze({
      valid: code === 'VALID',
      code,
      keyId: table.keyId(slot),
      teamId: owner.teamId,
      owner: owner.ref,
      expiresAt: Number.isNaN(expiresAt) ? null : new Date(expiresAt).toISOString(),
      exposed: table.exposed(slot),
    });
  }

  async function askKeysApi(key: unknown): Promise<VerifyResult> {
    const fallback = options.fallback!;
    try {
      const response = await fetch(new URL('/api/v1/keys/verify', fallback.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${fallback.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(fallback.timeoutMs ?? 2000),
      });
      if (response.status === 400) return NOT_FOUND; // not a key at all
      if (!response.ok) return UNAVAILABLE;
      return VerifyResult.parse(await response.json());
    } catch (err) {
      log.warn({ err }, 'keys-api fallback did not answer');
      return UNAVAILABLE;
    }
  }

  return {
    verify(key, verifyOptions) {
      return canAnswer() ? fromTable(key, verifyOptions?.teamId) : UNAVAILABLE;
    },
    async check(key, verifyOptions) {
      if (canAnswer()) return fromTable(key, verifyOptions?.teamId);
      if (!options.fallback) return UNAVAILABLE;
      const answer = await askKeysApi(key);
      if (verifyOptions?.teamId !== undefined && answer.teamId !== undefined && answer.teamId !== verifyOptions.teamId) return NOT_FOUND;
      // A key this verifier has seen revoked stays refused, whatever keys-api says now.
      if (answer.valid && typeof key === 'string' && key.length <= MAX_KEY_LENGTH) {
        const slot = table.slotOf(digestOf(key));
        if (slot >= 0 && table.status(slot) === REVOKED) return build(slot, 'REVOKED');
      }
      return answer;
    },
    remember(states) {
      const revokedNow: string[] = [];
      for (const { hash: hex, state } of states) {
        const digest = digestFromHex(hex);
        if (digest) applyState(digest, state, revokedNow);
      }
      revokedLog?.append(revokedNow);
    },
    keyIdOf(hex) {
      const digest = digestFromHex(hex);
      const slot = digest ? table.slotOf(digest) : -1;
      return slot >= 0 && table.hasState(slot) ? table.keyId(slot) : undefined;
    },
    ready: () => readyPromise,
    status() {
      const contact = reader?.lastContactAt() ?? 0;
      return {
        ready: reader?.isReady() ?? false,
        stale: isStale(),
        keys: table.size(),
        sinceContactMs: contact === 0 ? null : Date.now() - contact,
        recordsApplied: reader?.applied() ?? 0,
      };
    },
    async close() {
      closed = true;
      // Not waiting for a start still trying to reach Kafka: it stops whatever it creates.
      await reader?.stop();
      await usage?.stop();
      await publisher?.disconnect();
    },
  };
}
