import { readFile } from 'node:fs/promises';
import { CliError } from './errors.js';

const HASH = /^[0-9a-f]{64}$/;

/**
 * Token hashes a baseline suppresses. Accepts a previous `keyguard scan --format json` report,
 * `{ "tokenHashes": [...] }`, or a bare array of hashes.
 */
export async function loadBaseline(path: string | undefined): Promise<Set<string>> {
  if (path === undefined) return new Set();
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError('BASELINE_UNREADABLE', `cannot read baseline ${path}: ${reason}`);
  }
  const hashes: unknown[] = Array.isArray(raw)
    ? raw
    : typeof raw === 'object' && raw !== null && Array.isArray((raw as { findings?: unknown }).findings)
      ? (raw as { findings: Array<{ tokenHash?: unknown }> }).findings.map((f) => f?.tokenHash)
      : typeof raw === 'object' && raw !== null && Array.isArray((raw as { tokenHashes?: unknown }).tokenHashes)
        ? (raw as { tokenHashes: unknown[] }).tokenHashes
        : [];
  const valid = hashes.filter((h): h is string => typeof h === 'string' && HASH.test(h));
  if (valid.length !== hashes.length || (hashes.length === 0 && !Array.isArray(raw) && !isEmptyReport(raw))) {
    throw new CliError('BASELINE_INVALID', `baseline ${path} must be a keyguard JSON report, {"tokenHashes": [...]} or an array of hex SHA-256 hashes`);
  }
  return new Set(valid);
}

function isEmptyReport(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && ('findings' in raw || 'tokenHashes' in raw);
}
