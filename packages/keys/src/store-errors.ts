import { MongoServerError } from 'mongodb';
import { retriable } from '@keyguard/bus';

/**
 * FerretDB on SQLite answers a write that meets another writer's lock with an InternalError
 * ("database is locked", SQLITE_BUSY): a transient condition, so consumers retry it instead
 * of dead-lettering the message.
 */
export function isStoreBusy(error: unknown): boolean {
  return error instanceof MongoServerError && (error.code === 1 || /database is locked|SQLITE_BUSY/i.test(error.message));
}

/** Runs `work`, turning a busy store into a retriable handler error. */
export async function retryingStoreBusy<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isStoreBusy(error)) throw retriable('STORE_BUSY', 'the database is busy', error);
    throw error;
  }
}
