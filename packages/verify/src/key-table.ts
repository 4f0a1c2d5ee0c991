import type { KeyState } from '@keyguard/events';

/** Status codes in the table (a byte per key). */
export const ENABLED = 0;
export const DISABLED = 1;
export const REVOKED = 2;
const statusCode = { enabled: ENABLED, disabled: DISABLED, revoked: REVOKED } as const;

/** Flag bits (a byte per key). */
const EXPOSED = 1;
/** Seen revoked by this verifier: answered REVOKED for good, whatever a later record says. */
const STICKY_REVOKED = 2;
/** A state record was applied (a slot made only from the revoked log has none). */
const HAS_STATE = 4;

export interface Owner {
  teamId: string;
  /** Shared by every answer about the owner's keys. */
  ref: Readonly<{ id: string; email: string }>;
}

export type ApplyOutcome = 'applied' | 'stale' | 'revoked';

/**
 * Every key's state, packed for a million keys in well under 250 MB: one Map from the binary
 * SHA-256 (a 32-character latin1 string) to a slot number, and per slot a byte of status, a
 * byte of flags, the version and expiry as doubles, an index into the interned owners (keys of
 * one owner share their team id, owner id and email) and the key id. A lookup is one Map get;
 * nothing about a key is allocated per verification.
 */
export function createKeyTable(initialCapacity = 1024) {
  const slots = new Map<string, number>();
  let capacity = Math.max(16, initialCapacity);
  let size = 0;
  let status = new Uint8Array(capacity);
  let flags = new Uint8Array(capacity);
  let version = new Float64Array(capacity);
  let expiresAt = new Float64Array(capacity);
  let ownerOf = new Uint32Array(capacity);
  const keyIds: string[] = [];
  const owners: Owner[] = [];
  const ownerIndex = new Map<string, number>();

  function grow(): void {
    capacity *= 2;
    const widen = <T extends Uint8Array | Float64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    status = widen(status, (n) => new Uint8Array(n));
    flags = widen(flags, (n) => new Uint8Array(n));
    version = widen(version, (n) => new Float64Array(n));
    expiresAt = widen(expiresAt, (n) => new Float64Array(n));
    ownerOf = widen(ownerOf, (n) => new Uint32Array(n));
  }

  function slotFor(digest: string): number {
    let slot = slots.get(digest);
    if (slot === undefined) {
      if (size === capacity) grow();
      slot = size++;
      slots.set(digest, slot);
      version[slot] = -1;
      keyIds[slot] = '';
    }
    return slot;
  }

  function ownerFor(teamId: string, ownerId: string, email: string): number {
    const id = `${teamId}\u0001${ownerId}\u0001${email}`;
    let index = ownerIndex.get(id);
    if (index === undefined) {
      index = owners.length;
      owners.push({ teamId, ref: Object.freeze({ id: ownerId, email }) });
      ownerIndex.set(id, index);
    }
    return index;
  }

  return {
    /** The slot of a digest, or -1. */
    slotOf(digest: string): number {
      return slots.get(digest) ?? -1;
    },

    /**
     * Applies a state record unless the table has as new a version already. Returns `revoked`
     * when this record is the first revoked state seen for the key (to be remembered on disk).
     */
    apply(digest: string, state: KeyState): ApplyOutcome {
      const slot = slotFor(digest);
      if (flags[slot]! & HAS_STATE && state.version <= version[slot]!) return 'stale';
      const firstRevocation = state.status === 'revoked' && !(flags[slot]! & STICKY_REVOKED);
      status[slot] = statusCode[state.status];
      version[slot] = state.version;
      expiresAt[slot] = state.expiresAt === null ? Number.NaN : Date.parse(state.expiresAt);
      ownerOf[slot] = ownerFor(state.teamId, state.ownerId, state.ownerEmail);
      keyIds[slot] = state.keyId;
      flags[slot] = (flags[slot]! & STICKY_REVOKED) | HAS_STATE | (state.exposed ? EXPOSED : 0) | (firstRevocation ? STICKY_REVOKED : 0);
      return firstRevocation ? 'revoked' : 'applied';
    },

    /** Remembers that a key was seen revoked (from the verifier's revoked log). */
    markRevoked(digest: string): void {
      const slot = slotFor(digest);
      flags[slot] = flags[slot]! | STICKY_REVOKED;
    },

    hasState: (slot: number) => (flags[slot]! & HAS_STATE) !== 0,
    status: (slot: number) => ((flags[slot]! & STICKY_REVOKED) !== 0 ? REVOKED : status[slot]!),
    exposed: (slot: number) => (flags[slot]! & EXPOSED) !== 0,
    /** Epoch ms, or NaN when the key never expires. */
    expiresAt: (slot: number) => expiresAt[slot]!,
    version: (slot: number) => version[slot]!,
    keyId: (slot: number) => keyIds[slot]!,
    owner: (slot: number) => owners[ownerOf[slot]!]!,
    size: () => size,
    owners: () => owners.length,
  };
}

export type KeyTable = ReturnType<typeof createKeyTable>;
