import { randomUUID } from 'node:crypto';

/** A fresh database name per test file, so tests never see each other's data. */
export function uniqueDbName(prefix = 'test'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
