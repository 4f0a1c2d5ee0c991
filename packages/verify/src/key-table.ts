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

/** A digest is a SHA-256: 32 bytes, handed in as a 32-character latin1 string. */
const DIGEST_BYTES = 32;

export interface Owner {
  teamId: string;
  /** Shared by every answer about the owner's keys. */
  ref: Readonly<{ id: string; email: string }>;
}

export type ApplyOutcome = 'applied' | 'stale' | 'revoked';

/**
 * Every key's state in a handful of typed arrays, so that a million keys are a few large array
 * buffers and not two million objects for the garbage collector: a Map of a million digest
 * strings and an array of a million key id strings made every young-generation GC of the
 * process holding them about twice as long and each full GC walk them all (`npm run
 * bench:verify`: keys-api's scavenges ~1.5 ms at 10,000 verifications/s, verifiers' full GCs
 * 75-130 ms).
 *
 * Keys get slots in the order they arrive; per slot: the digest (32 bytes), a byte of status, a
 * byte of flags, the version and expiry as doubles, an index into the interned owners (keys of
 * one owner share their team id, owner id and email) and the key id as UTF-8 bytes in one pool.
 * Digests are found through an open-addressed index of slot numbers, probed linearly from the
 * digest's first four bytes (a SHA-256 is already uniformly spread) and kept at most half full.
 * Keyguard never deletes a key's state, so neither does the table. A lookup allocates nothing.
 */
export function createKeyTable(initialCapacity = 1024) {
  let capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
  let size = 0;
  /** Per bucket: slot + 1, or 0 when empty. Twice as many buckets as slots. */
  let index = new Int32Array(capacity * 2);
  let digests = new Uint8Array(capacity * DIGEST_BYTES);
  let status = new Uint8Array(capacity);
  let flags = new Uint8Array(capacity);
  let version = new Float64Array(capacity);
  let expiresAt = new Float64Array(capacity);
  let ownerOf = new Uint32Array(capacity);
  const keyIds = createStringPool(capacity);
  const owners: Owner[] = [];
  const ownerIndex = new Map<string, number>();

  /** The first bucket to probe for a digest whose first four bytes are b0…b3. */
  const homeOf = (b0: number, b1: number, b2: number, b3: number) => (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) & (index.length - 1);
  const home = (digest: string) => homeOf(digest.charCodeAt(0), digest.charCodeAt(1), digest.charCodeAt(2), digest.charCodeAt(3));

  function holds(slot: number, digest: string): boolean {
    const at = slot * DIGEST_BYTES;
    for (let i = 0; i < DIGEST_BYTES; i++) if (digests[at + i] !== digest.charCodeAt(i)) return false;
    return true;
  }

  /** The bucket that holds the digest, or the empty bucket where it would go. */
  function bucketOf(digest: string): number {
    const mask = index.length - 1;
    let bucket = home(digest);
    for (;;) {
      const entry = index[bucket]!;
      if (entry === 0 || holds(entry - 1, digest)) return bucket;
      bucket = (bucket + 1) & mask;
    }
  }

  function grow(): void {
    capacity *= 2;
    const widen = <T extends Uint8Array | Float64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(old.length * 2);
      next.set(old);
      return next;
    };
    digests = widen(digests, (n) => new Uint8Array(n));
    status = widen(status, (n) => new Uint8Array(n));
    flags = widen(flags, (n) => new Uint8Array(n));
    version = widen(version, (n) => new Float64Array(n));
    expiresAt = widen(expiresAt, (n) => new Float64Array(n));
    ownerOf = widen(ownerOf, (n) => new Uint32Array(n));
    index = new Int32Array(capacity * 2);
    const mask = index.length - 1;
    for (let slot = 0; slot < size; slot++) {
      const at = slot * DIGEST_BYTES;
      let bucket = homeOf(digests[at]!, digests[at + 1]!, digests[at + 2]!, digests[at + 3]!);
      while (index[bucket] !== 0) bucket = (bucket + 1) & mask;
      index[bucket] = slot + 1;
    }
  }

  function slotFor(digest: string): number {
    let bucket = bucketOf(digest);
    if (index[bucket] !== 0) return index[bucket]! - 1;
    if (size === capacity) {
      grow();
      bucket = bucketOf(digest);
    }
    const slot = size++;
    index[bucket] = slot + 1;
    for (let i = 0; i < DIGEST_BYTES; i++) digests[slot * DIGEST_BYTES + i] = digest.charCodeAt(i);
    version[slot] = -1;
    return slot;
  }

  function ownerFor(teamId: string, ownerId: string, email: string): number {
    const id = `${teamId}\u0001${ownerId}\u0001${email}`;
    let found = ownerIndex.get(id);
    if (found === undefined) {
      found = owners.length;
      owners.push({ teamId, ref: Object.freeze({ id: ownerId, email }) });
      ownerIndex.set(id, found);
    }
    return found;
  }

  return {
    /** The slot of a digest, or -1. */
    slotOf(digest: string): number {
      if (digest.length !== DIGEST_BYTES) return -1;
      return index[bucketOf(digest)]! - 1;
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
      keyIds.set(slot, state.keyId);
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
    /** The key id ('' for a slot with no state); a new string each call. */
    keyId: (slot: number) => keyIds.get(slot),
    owner: (slot: number) => owners[ownerOf[slot]!]!,
    size: () => size,
    owners: () => owners.length,
  };
}

export type KeyTable = ReturnType<typeof createKeyTable>;

/**
 * One string per slot, kept as UTF-8 in one growing byte buffer (start and length per slot)
 * instead of a string object each. A slot given a new string gets it appended; the old bytes
 * stay (a key's id does not change in practice, so nothing piles up).
 */
function createStringPool(initialSlots: number) {
  let bytes = Buffer.alloc(initialSlots * 24);
  let used = 0;
  let start = new Uint32Array(initialSlots);
  let length = new Uint32Array(initialSlots);

  return {
    set(slot: number, value: string): void {
      if (slot >= start.length) {
        const slots = Math.max(slot + 1, start.length * 2);
        const nextStart = new Uint32Array(slots);
        nextStart.set(start);
        start = nextStart;
        const nextLength = new Uint32Array(slots);
        nextLength.set(length);
        length = nextLength;
      }
      const needed = Buffer.byteLength(value, 'utf8');
      if (length[slot] === needed && bytes.toString('utf8', start[slot], start[slot]! + needed) === value) return;
      if (used + needed > bytes.length) {
        const next = Buffer.alloc(Math.max(bytes.length * 2, used + needed));
        bytes.copy(next, 0, 0, used);
        bytes = next;
      }
      start[slot] = used;
      length[slot] = bytes.write(value, used, 'utf8');
      used += needed;
    },
    get(slot: number): string {
      if (slot >= start.length) return '';
      return bytes.toString('utf8', start[slot], start[slot]! + length[slot]!);
    },
  };
}
