import { retriable } from '@keyguard/bus';
import { isStoreBusy } from '@keyguard/store';

/** Runs `work`, turning a busy store (see `isStoreBusy`) into a retriable handler error. */
export async function retryingStoreBusy<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isStoreBusy(error)) throw retriable('STORE_BUSY', 'the database is busy', error);
    throw error;
  }
}
