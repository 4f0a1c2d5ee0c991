/**
 * Setup file of the integration project: a test file fails when any answer it received from an
 * /api/v1 route broke the OpenAPI document (an undocumented status, or a body the documented
 * schema refuses). The answers are checked as they are sent by the watcher that keys-api's
 * test starters install (`watchContract` from @keyguard/testkit/contract).
 */
import { contractViolations, describeViolations } from '@keyguard/testkit/contract';
import { afterAll } from 'vitest';

afterAll(() => {
  if (contractViolations.length === 0) return;
  throw new Error(`${contractViolations.length} answer(s) broke the API contract (packages/contract):\n${describeViolations(contractViolations)}`);
});
