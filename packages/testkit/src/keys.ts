/**
 * Helpers for integration tests of the services that use keys: a random Postman-format key
 * (generated at run time; never commit literal keys) and a database URI per test.
 */
import { randomBytes } from 'node:crypto';

export const randomPmak = () => `PMAK-${randomBytes(12).toString('hex')}-${randomBytes(17).toString('hex')}`;

/** `mongodb://host:port/` + a database name. */
export function uriWithDatabase(uri: string, dbName: string): string {
  const [base, query] = uri.split('?', 2) as [string, string | undefined];
  const hostPart = /^(mongodb(?:\+srv)?:\/\/[^/]+)/.exec(base)?.[1] ?? base.replace(/\/$/, '');
  return `${hostPart}/${dbName}${query ? `?${query}` : ''}`;
}

/** Polls `check` until it returns a value other than undefined, null or false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
