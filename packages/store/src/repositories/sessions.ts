import { createHash, randomBytes } from 'node:crypto';
import type { SessionDoc } from '../documents.js';
import type { Store } from '../store.js';

const digest = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Dashboard sessions: the cookie carries a random id; only its SHA-256 is stored, with the key it was opened with. */
export function createSessionRepository(store: Store) {
  const sessions = store.collections.sessions;
  return {
    /** Opens a session; returns the opaque id for the cookie. Past `maxPerKey` sessions of this key, the oldest end. */
    async open(userId: string, keyId: string, ttlMs: number, maxPerKey = Number.POSITIVE_INFINITY): Promise<{ id: string; expiresAt: Date }> {
      const id = randomBytes(32).toString('base64url');
      const now = new Date();
      const expiresAt = new Date(now.getTime() + ttlMs);
      await sessions.insertOne({ _id: digest(id), userId, keyId, createdAt: now, expiresAt });
      if (Number.isFinite(maxPerKey)) {
        const beyond = await sessions
          .find({ keyId }, { projection: { _id: 1 } })
          .sort({ createdAt: -1, _id: -1 })
          .skip(maxPerKey)
          .toArray();
        if (beyond.length > 0) await sessions.deleteMany({ _id: { $in: beyond.map((s) => s._id) } });
      }
      return { id, expiresAt };
    },
    /** Opens a single sign-on session (no key); returns the opaque id for the cookie. */
    async openSso(userId: string, ttlMs: number): Promise<{ id: string; expiresAt: Date }> {
      const id = randomBytes(32).toString('base64url');
      const now = new Date();
      const expiresAt = new Date(now.getTime() + ttlMs);
      await sessions.insertOne({ _id: digest(id), userId, keyId: null, createdAt: now, expiresAt });
      return { id, expiresAt };
    },
    async find(id: string): Promise<SessionDoc | null> {
      return sessions.findOne({ _id: digest(id), expiresAt: { $gt: new Date() } });
    },
    async close(id: string): Promise<void> {
      await sessions.deleteOne({ _id: digest(id) });
    },
    /** Ends every session opened with this key (it was disabled: enabling it again must not revive them). */
    async closeForKey(keyId: string): Promise<number> {
      return (await sessions.deleteMany({ keyId })).deletedCount;
    },
    /** Ends every session of this person (they were deactivated). */
    async closeForUser(userId: string): Promise<number> {
      return (await sessions.deleteMany({ userId })).deletedCount;
    },
    /** No TTL indexes on FerretDB: expired sessions are deleted by this sweep. */
    async purgeExpired(): Promise<number> {
      return (await sessions.deleteMany({ expiresAt: { $lte: new Date() } })).deletedCount;
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
