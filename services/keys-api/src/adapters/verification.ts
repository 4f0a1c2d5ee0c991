import { hashApiKey } from '@keyguard/keys';
import { createKeyRepository, createUserRepository, type Store } from '@keyguard/store';
import type { Verifier } from '@keyguard/verify';
import { notFound, type Verification, verificationOf } from '../domain/verification.js';

/**
 * POST /keys/verify's answer: from keys-api's own verifier (the key-state table every verifier
 * follows) when it can vouch for its table, else from MongoDB. Either way the work does not
 * depend on whether the key exists — one SHA-256 and one lookup (two queries, always both, in
 * the store fallback) — so timing tells a caller nothing about other teams' keys.
 */
export function createVerification(store: Store, verifier: Verifier) {
  const keys = createKeyRepository(store);
  const users = createUserRepository(store);

  async function fromStore(raw: string, teamId: string): Promise<Verification> {
    const key = await keys.findByHash(hashApiKey(raw));
    // Always both lookups, whether the key exists or not: the time taken tells nothing.
    const owner = await users.findById(key?.createdBy ?? '\u0000');
    if (!key || key.teamId !== teamId) return notFound;
    return verificationOf(key, owner?.email ?? '', new Date());
  }

  return {
    /**
     * Verifies a key for a caller of `teamId`: other teams' keys are NOT_FOUND. Answered at once
     * from the table (no promise: the hot route's handler sends it synchronously), else a promise
     * of the store's answer.
     */
    verify(raw: string, teamId: string): Verification | Promise<Verification> {
      const answer = verifier.verify(raw, { teamId });
      if (answer.code === 'UNAVAILABLE') return fromStore(raw, teamId);
      return answer as Verification;
    },
  };
}
export type VerificationService = ReturnType<typeof createVerification>;
