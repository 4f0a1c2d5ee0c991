import { createKafka } from '@keyguard/bus';
import { uniqueName } from '@keyguard/testkit/bus';
import { randomPmak, uriWithDatabase } from '@keyguard/testkit/keys';
import { createLogger } from '@keyguard/logger';
import { connectStore, type Store } from '@keyguard/store';
import { uniqueDbName } from '@keyguard/testkit/store';
import { watchContract, watchHotAnswer } from '@keyguard/testkit/contract';
import { Config } from '../src/config.js';
import { startService } from '../src/service.js';

export const logger = createLogger({ name: 'keys-api-test', level: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent' });

export interface Call {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are asserted field by field
  body: any;
  headers: Headers;
}

/** A keys-api on a fresh database and key-events topic, called over real HTTP. */
export async function startApi(
  env: Record<string, string> = {},
  shared?: { dbName: string; keyEvents: string; adminKey: string; keyState?: string; keyUsage?: string },
) {
  const dbName = shared?.dbName ?? uniqueDbName('keysapi');
  const keyEvents = shared?.keyEvents ?? uniqueName('keyguard.key-events');
  const keyState = shared?.keyState ?? uniqueName('keyguard.key-state');
  const keyUsage = shared?.keyUsage ?? uniqueName('keyguard.key-usage');
  const scanRequests = uniqueName('keyguard.scan-requests');
  const adminKey = shared?.adminKey ?? randomPmak();
  const config = Config.parse({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    MONGODB_URI: uriWithDatabase(process.env.MONGODB_URI!, dbName),
    PORT: '0',
    LOG_LEVEL: 'silent',
    KEYGUARD_BOOTSTRAP_ADMIN_KEY: adminKey,
    DASHBOARD_DIR: '/nonexistent/keyguard-dashboard',
    LAST_USED_GRANULARITY_MS: '0',
    // Tests make many failed calls from one address; the rate-limit tests set their own limits.
    AUTH_FAILURES_PER_MINUTE: '100000',
    SESSION_OPENS_PER_MINUTE: '100000',
    ...env,
  });
  const running = await startService(config, {
    logger,
    topics: { keyEvents, scanRequests, keyState, keyUsage },
    extend: watchContract,
    watchHotAnswers: watchHotAnswer,
  });
  const store: Store = await connectStore({ uri: process.env.MONGODB_URI!, dbName, logger, ensureIndexes: false });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'keys-api-test', logger });
  const base = `http://127.0.0.1:${running.port}`;

  async function call(method: string, path: string, options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Call> {
    const key = options.key === undefined ? adminKey : options.key;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (HTML)
    }
    return { status: response.status, body, headers: response.headers };
  }

  return {
    adminKey,
    dbName,
    metricsBase: `http://127.0.0.1:${running.metricsPort}`,
    keyEvents,
    keyState,
    keyUsage,
    scanRequests,
    base,
    store,
    kafka,
    call,
    async stop(drop = true) {
      await running.stop();
      if (drop) await store.db.dropDatabase();
      await store.close();
    },
  };
}
export type Api = Awaited<ReturnType<typeof startApi>>;
