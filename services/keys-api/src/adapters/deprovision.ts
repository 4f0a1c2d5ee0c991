import type { Revoker } from '@keyguard/keys';
import type { ActorRef, Repositories, UserDoc } from '@keyguard/store';

/**
 * What deactivating a person does, in an order that is safe to repeat (a provider retries):
 * they are marked inactive (keys-api refuses them from that instant), their dashboard sessions
 * end, and every key of theirs not yet revoked is revoked through the one revoke operation with
 * reason `deprovisioned` — so the key state reaches every verifier, the audit log has it, and
 * the owner gets the revocation email like for any revocation.
 */
export function createDeprovisioner(repos: Repositories, revoker: Revoker) {
  return {
    async deactivate(user: UserDoc, actor: ActorRef): Promise<{ revokedKeys: number; endedSessions: number }> {
      if (user.active !== false) await repos.users.setActive(user.teamId, user._id, false);
      const endedSessions = await repos.sessions.closeForUser(user._id);
      const scope = { teamId: user.teamId, createdBy: user._id };
      const live = await repos.keys.liveIdsInTeam(user.teamId, undefined, { createdBy: user._id });
      const revoked = await revoker.revokeMany(live, { reason: 'deprovisioned', actor, where: scope });
      return { revokedKeys: revoked.length, endedSessions };
    },
  };
}
export type Deprovisioner = ReturnType<typeof createDeprovisioner>;
