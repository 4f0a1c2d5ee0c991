import type { ConsumedMessage } from '@keyguard/bus';
import type { KeyUsed } from '@keyguard/events';
import { retryingStoreBusy } from '@keyguard/keys';
import { createKeyRepository, type Store } from '@keyguard/store';

/**
 * Verifications reported by the verifiers (keyguard.key-usage.v1) become each key's
 * `lastUsedAt`: "Last used" and "Used after exposure" then reflect use at the customer's API.
 * One write per key per batch, `$max` on lastUsedAt by `_id` alone (the one filter FerretDB
 * answers without scanning), so it only ever moves forward: redelivered and out-of-order reports
 * are harmless and a later use is never overwritten by an earlier one; the offset is committed
 * only after the writes, so no report is lost.
 */
export function createKeyUsageHandler(store: Store) {
  const keys = createKeyRepository(store);
  return async (messages: ConsumedMessage<KeyUsed>[]): Promise<void> => {
    const latest = new Map<string, Date>();
    for (const { value } of messages) {
      const at = new Date(value.payload.lastUsedAt);
      const known = latest.get(value.payload.keyId);
      if (!known || at > known) latest.set(value.payload.keyId, at);
    }
    if (latest.size === 0) return;
    await retryingStoreBusy(() => keys.recordUses(latest));
  };
}
