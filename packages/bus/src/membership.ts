import type { Consumer } from 'kafkajs';

export type MembershipState = 'joining' | 'member' | 'rebalancing' | 'stopped';

/** What /readyz reports for one consumer: whether it is in its group and what it holds. */
export interface MembershipStatus {
  ready: boolean;
  groupId: string;
  state: MembershipState;
  memberId: string | null;
  /** Partitions held, by topic (empty when the group has more members than partitions). */
  assignment: Record<string, number[]>;
  /** Group joins so far (1 after the first; each rebalance adds one). */
  joins: number;
  /** Milliseconds since the last successful heartbeat or join, null before the first join. */
  sinceHeartbeatMs: number | null;
  /**
   * The longest time between two heartbeats (or a join and a heartbeat) so far: how close a
   * busy event loop came to the session timeout, after which the group drops the member.
   */
  longestHeartbeatGapMs: number;
}

export interface MembershipOptions {
  groupId: string;
  /**
   * The group's session timeout: with no heartbeat for this long the broker has dropped the
   * member, so it is not ready whatever kafkajs last said.
   */
  sessionTimeoutMs: number;
  /**
   * A rebalance is the group working as designed (a member came or went): the consumer stays
   * ready through one this short, and turns not-ready when it takes longer.
   */
  rebalanceGraceMs?: number;
}

export interface Membership {
  status(): MembershipStatus;
  /** Resolves at the first group join (the consumer holds its assignment); rejects after `timeoutMs`. */
  joined(timeoutMs?: number): Promise<void>;
}

/**
 * Follows a kafkajs consumer's group membership through its instrumentation events
 * (GROUP_JOIN carries the assignment; REBALANCING, CRASH, STOP and DISCONNECT end it).
 * "Running" is not "consuming": `consumer.run()` returns before the group join, which can
 * take as long as the session timeout of a member that vanished.
 */
export function trackMembership(consumer: Consumer, options: MembershipOptions): Membership {
  const graceMs = options.rebalanceGraceMs ?? options.sessionTimeoutMs;
  let state: MembershipState = 'joining';
  let memberId: string | null = null;
  let assignment: Record<string, number[]> = {};
  let joins = 0;
  let lastSign: number | null = null;
  let longestGap = 0;
  let rebalancingSince = 0;
  const waiters = new Set<() => void>();

  const { GROUP_JOIN, HEARTBEAT, REBALANCING, CRASH, STOP, DISCONNECT } = consumer.events;
  consumer.on(GROUP_JOIN, ({ payload }) => {
    state = 'member';
    memberId = payload.memberId;
    assignment = Object.fromEntries(Object.entries(payload.memberAssignment).map(([topic, partitions]) => [topic, [...partitions].sort((a, b) => a - b)]));
    joins += 1;
    lastSign = Date.now();
    for (const resolve of waiters) resolve();
    waiters.clear();
  });
  consumer.on(HEARTBEAT, () => {
    const now = Date.now();
    if (lastSign !== null && state === 'member') longestGap = Math.max(longestGap, now - lastSign);
    lastSign = now;
  });
  consumer.on(REBALANCING, () => {
    if (state !== 'member') return;
    state = 'rebalancing';
    rebalancingSince = Date.now();
  });
  consumer.on(CRASH, ({ payload }) => {
    state = payload.restart ? 'joining' : 'stopped';
    assignment = {};
  });
  for (const event of [STOP, DISCONNECT]) {
    consumer.on(event, () => {
      state = 'stopped';
      assignment = {};
    });
  }

  function ready(now: number): boolean {
    const alive = lastSign !== null && now - lastSign < options.sessionTimeoutMs;
    if (state === 'member') return alive;
    return state === 'rebalancing' && alive && now - rebalancingSince < graceMs;
  }

  return {
    status() {
      const now = Date.now();
      return {
        ready: ready(now),
        groupId: options.groupId,
        state,
        memberId,
        assignment,
        joins,
        sinceHeartbeatMs: lastSign === null ? null : now - lastSign,
        longestHeartbeatGapMs: longestGap,
      };
    },
    joined(timeoutMs = 60_000) {
      if (joins > 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`consumer group ${options.groupId}: not joined within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(done);
      });
    },
  };
}
