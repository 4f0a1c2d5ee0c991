import type { Admin, Kafka } from 'kafkajs';
import pTimeout from 'p-timeout';

/** A readiness check that asks the broker for its cluster metadata over one kept admin connection. */
export function kafkaReadiness(kafka: Kafka, timeoutMs = 2000) {
  let admin: Admin | undefined;
  const check = async (): Promise<boolean> => {
    try {
      if (!admin) {
        admin = kafka.admin();
        await admin.connect();
      }
      const current = admin;
      await pTimeout(current.describeCluster(), { milliseconds: timeoutMs });
      return true;
    } catch {
      const stale = admin;
      admin = undefined;
      await stale?.disconnect().catch(() => {});
      return false;
    }
  };
  return { check, close: async () => admin?.disconnect() };
}
