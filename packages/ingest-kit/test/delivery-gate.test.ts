import { retriable, type Publisher } from '@keyguard/bus';
import { createLogger } from '@keyguard/logger';
import { HttpError } from '@keyguard/runtime';
import { describe, expect, it, vi } from 'vitest';
import type { Store } from '@keyguard/store';
import { createDeliveryClaims, createDeliveryGate, type DeliveryClaims } from '../src/delivery-gate.js';

const logger = createLogger({ name: 'test', level: 'silent' });

/** An in-memory ledger with the repository's semantics, and an optional delay. */
function memoryClaims(delayMs = 0): DeliveryClaims & { ids: Set<string>; released: string[] } {
  const ids = new Set<string>();
  const released: string[] = [];
  return {
    ids,
    released,
    async claim(provider, id) {
      await new Promise((r) => setTimeout(r, delayMs));
      const key = `${provider}:${id}`;
      if (ids.has(key)) return false;
      ids.add(key);
      return true;
    },
    async release(provider, id) {
      ids.delete(`${provider}:${id}`);
      released.push(`${provider}:${id}`);
    },
  };
}

function publisher(fail: () => boolean): Publisher & { sent: number } {
  const p = {
    sent: 0,
    async publish() {
      if (fail()) throw retriable('KAFKA_UNAVAILABLE', 'no broker');
      p.sent += 1;
    },
    connect: async () => {},
    disconnect: async () => {},
    stats: () => ({ batches: 0, messages: 0, producerResets: 0 }),
  };
  return p;
}

const publication = [{ topic: 't', messages: [{ key: 'k', value: {} }] }];

describe('createDeliveryGate', () => {
  it('publishes a new delivery once and acknowledges redeliveries without publishing', async () => {
    const pub = publisher(() => false);
    const gate = createDeliveryGate({ claims: memoryClaims(), publisher: pub, logger });
    expect(await gate.accept('github', 'd1', publication)).toBe('accepted');
    expect(await gate.accept('github', 'd1', publication)).toBe('duplicate');
    expect(await gate.accept('gitlab', 'd1', publication)).toBe('accepted');
    expect(pub.sent).toBe(2);
  });

  it('answers 503 kafka_unavailable and releases the claim so the retry goes through', async () => {
    let down = true;
    const claims = memoryClaims();
    const gate = createDeliveryGate({ claims, publisher: publisher(() => down), logger });
    const error = await gate.accept('github', 'd2', publication).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ statusCode: 503, code: 'kafka_unavailable' });
    expect(claims.ids.has('github:d2')).toBe(false);
    down = false;
    expect(await gate.accept('github', 'd2', publication)).toBe('accepted');
  });

  it('gives up on a ledger slower than the timeout with 503, and releases the late claim', async () => {
    const claims = memoryClaims(150);
    const gate = createDeliveryGate({ claims, publisher: publisher(() => false), logger, publishTimeoutMs: 50 });
    await expect(gate.accept('postman', 'd3', publication)).rejects.toMatchObject({ statusCode: 503, code: 'store_unavailable' });
    await vi.waitFor(() => expect(claims.released).toContain('postman:d3'));
    expect(claims.ids.has('postman:d3')).toBe(false);
  });
});

describe('createDeliveryClaims', () => {
  it('drops a queued claim whose sender was already answered, without writing it', async () => {
    let finishFirst!: () => void;
    const written: string[][] = [];
    const deliveries = {
      async insertMany(docs: { _id: string }[]) {
        written.push(docs.map((d) => d._id));
        if (written.length === 1) await new Promise<void>((r) => (finishFirst = r));
      },
    };
    const claims = createDeliveryClaims({ collections: { deliveries } } as unknown as Store);
    const first = claims.claim('postman', 'a');
    await vi.waitFor(() => expect(written).toHaveLength(1)); // the first write is in flight
    const gaveUp = new AbortController();
    const late = claims.claim('postman', 'b', gaveUp.signal);
    const live = claims.claim('postman', 'c', new AbortController().signal);
    gaveUp.abort();
    finishFirst();
    expect(await first).toBe(true);
    expect(await live).toBe(true);
    await expect(late).rejects.toThrow(/abandoned/);
    expect(written).toEqual([['postman:a'], ['postman:c']]);
  });
});
