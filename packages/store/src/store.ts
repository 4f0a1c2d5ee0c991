import { type Collection, type Db, MongoClient } from 'mongodb';
import type { Logger } from '@keyguard/logger';
import { detectCapabilities, type StoreCapabilities } from './capabilities.js';
import type {
  ApiKeyDoc,
  AuditLogDoc,
  ChannelDeliveryDoc,
  CursorDoc,
  DeliveryDoc,
  DigestDoc,
  DigestItemDoc,
  FindingDoc,
  NotificationChannelDoc,
  NotificationDoc,
  RelayIssuerDoc,
  RelayReportDoc,
  MarkerDoc,
  SessionDoc,
  ScanJobDoc,
  ScanLockDoc,
  ScimGroupDoc,
  ScimTokenDoc,
  ServiceTokenDoc,
  TeamDoc,
  UserDoc,
  VisibilityDoc,
} from './documents.js';

export interface Collections {
  teams: Collection<TeamDoc>;
  users: Collection<UserDoc>;
  apiKeys: Collection<ApiKeyDoc>;
  findings: Collection<FindingDoc>;
  auditLog: Collection<AuditLogDoc>;
  deliveries: Collection<DeliveryDoc>;
  notifications: Collection<NotificationDoc>;
  notificationChannels: Collection<NotificationChannelDoc>;
  channelDeliveries: Collection<ChannelDeliveryDoc>;
  /** The channel deliveries not finished yet (see repositories/channel-deliveries.ts); in the ledger database. */
  channelQueue: Collection<ChannelDeliveryDoc>;
  digests: Collection<DigestDoc>;
  digestItems: Collection<DigestItemDoc>;
  relayReports: Collection<RelayReportDoc>;
  relayIssuers: Collection<RelayIssuerDoc>;
  sessions: Collection<SessionDoc>;
  scanJobs: Collection<ScanJobDoc>;
  scanLocks: Collection<ScanLockDoc>;
  visibility: Collection<VisibilityDoc>;
  /** Small per-process-kind state documents (the delivery reconciler's cursor). */
  cursors: Collection<CursorDoc>;
  markers: Collection<MarkerDoc>;
  serviceTokens: Collection<ServiceTokenDoc>;
  scimTokens: Collection<ScimTokenDoc>;
  scimGroups: Collection<ScimGroupDoc>;
}

export interface Store {
  client: MongoClient;
  db: Db;
  collections: Collections;
  /** What the server can do (e.g. concurrent writers); see capabilities.ts. */
  capabilities: StoreCapabilities;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConnectStoreOptions {
  uri: string;
  /** Defaults to the database named in the URI, else `keyguard`. */
  dbName?: string;
  logger: Logger;
  /** Create the indexes the design relies on (unique keys etc.). Default true. */
  ensureIndexes?: boolean;
  /** Whether the server takes concurrent writers; undefined decides from the server (MONGODB_CONCURRENT_WRITERS=auto). */
  concurrentWriters?: boolean;
}

/**
 * The unique indexes are what make every writer idempotent without transactions (FerretDB
 * has none, and the design needs none): a redelivered event hits the same unique key.
 */
async function ensureIndexes(c: Collections): Promise<void> {
  // An email is unique within a team, not across teams (one person may belong to two teams):
  // the earlier global index goes.
  await c.users.dropIndex('email_unique').catch(() => undefined);
  await Promise.all([
    c.users.createIndex({ teamId: 1, email: 1 }, { unique: true, name: 'team_email_unique' }),
    c.users.createIndex({ teamId: 1 }, { name: 'team' }),
    c.apiKeys.createIndex({ hash: 1 }, { unique: true, name: 'hash_unique' }),
    c.apiKeys.createIndex({ teamId: 1, createdAt: -1 }, { name: 'team_created' }),
    c.apiKeys.createIndex({ teamId: 1, lastUsedAt: -1 }, { name: 'team_last_used' }),
    c.apiKeys.createIndex({ teamId: 1, status: 1 }, { name: 'team_status' }),
    c.apiKeys.createIndex({ status: 1, expiresAt: 1 }, { name: 'status_expires' }),
    c.findings.createIndex({ tokenHash: 1 }, { unique: true, name: 'token_hash_unique' }),
    c.findings.createIndex({ teamId: 1, status: 1, lastSeen: -1 }, { name: 'team_status_seen' }),
    c.auditLog.createIndex({ teamId: 1, at: -1 }, { name: 'team_at' }),
    c.notificationChannels.createIndex({ teamId: 1 }, { name: 'team' }),
    c.channelDeliveries.createIndex({ status: 1, seq: 1 }, { name: 'status_seq' }),
    c.channelDeliveries.createIndex({ channelId: 1, createdAt: -1 }, { name: 'channel_created' }),
    c.channelQueue.createIndex({ seq: 1 }, { name: 'seq' }),
    c.digestItems.createIndex({ digestKey: 1, batchId: 1 }, { name: 'digest_batch' }),
    c.digests.createIndex({ dueAt: 1 }, { name: 'due' }),
    c.relayReports.createIndex({ status: 1, nextAttemptAt: 1 }, { name: 'status_next' }),
    c.scanJobs.createIndex({ teamId: 1, createdAt: -1 }, { name: 'team_created' }),
    c.serviceTokens.createIndex({ hash: 1 }, { unique: true, name: 'hash_unique' }),
    c.serviceTokens.createIndex({ teamId: 1, createdAt: -1 }, { name: 'team_created' }),
    c.users.createIndex({ teamId: 1, 'scim.userNameKey': 1 }, { name: 'team_scim_user_name' }),
    c.scimTokens.createIndex({ hash: 1 }, { unique: true, name: 'hash_unique' }),
    c.scimTokens.createIndex({ teamId: 1, createdAt: -1 }, { name: 'team_created' }),
    c.scimGroups.createIndex({ teamId: 1, displayName: 1 }, { unique: true, name: 'team_display_name_unique' }),
    c.scimGroups.createIndex({ members: 1 }, { name: 'members' }),
  ]);
}

/** The database named in a mongodb:// URI's path, if any (the driver would default to `test`). */
function databaseIn(uri: string): string | undefined {
  return /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
}

/**
 * Where the webhook delivery ledger lives. A webhook is answered only after its delivery id is
 * claimed there, so that write must not queue behind the pipeline's own. On one-writer storage
 * (FerretDB on SQLite, which keeps each database in a file of its own with its own write lock)
 * the ledger gets a database of its own, `<db>_deliveries`: under 1,000 exposures/s the
 * policy's finding writes held the main file's lock so often that claims waited past the 3 s
 * publish timeout and senders got 503s (`npm run bench:verify`, end-to-end phase). The
 * notifier's queue of unfinished channel deliveries lives there too, for the same reason: its
 * claims and results are written several times a second. With concurrent writers (MongoDB,
 * FerretDB on PostgreSQL) both stay in the main database.
 */
function ledgerDb(client: MongoClient, db: Db, capabilities: StoreCapabilities): Db {
  return capabilities.concurrentWriters ? db : client.db(`${db.databaseName}_deliveries`);
}

export async function connectStore(options: ConnectStoreOptions): Promise<Store> {
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: 5000,
    connectTimeoutMS: 5000,
    appName: 'keyguard',
  });
  await client.connect();
  const db = client.db(options.dbName ?? databaseIn(options.uri) ?? 'keyguard');
  const capabilities = await detectCapabilities(db, options.concurrentWriters);
  const ledger = ledgerDb(client, db, capabilities);
  const collections: Collections = {
    teams: db.collection('teams'),
    users: db.collection('users'),
    apiKeys: db.collection('apiKeys'),
    findings: db.collection('findings'),
    auditLog: db.collection('auditLog'),
    deliveries: ledger.collection('deliveries'),
    notifications: db.collection('notifications'),
    notificationChannels: db.collection('notificationChannels'),
    channelDeliveries: db.collection('channelDeliveries'),
    channelQueue: ledger.collection('channelQueue'),
    digests: db.collection('digests'),
    digestItems: db.collection('digestItems'),
    relayReports: db.collection('relayReports'),
    relayIssuers: db.collection('relayIssuers'),
    sessions: db.collection('sessions'),
    scanJobs: db.collection('scanJobs'),
    scanLocks: db.collection('scanLocks'),
    visibility: db.collection('visibility'),
    cursors: db.collection('cursors'),
    markers: db.collection('markers'),
    serviceTokens: db.collection('serviceTokens'),
    scimTokens: db.collection('scimTokens'),
    scimGroups: db.collection('scimGroups'),
  };
  if (options.ensureIndexes !== false) await ensureIndexes(collections);
  options.logger.info({ db: db.databaseName, deliveriesDb: collections.deliveries.dbName, ...capabilities }, 'connected to MongoDB');
  return {
    client,
    db,
    collections,
    capabilities,
    async ping() {
      try {
        await db.command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}
