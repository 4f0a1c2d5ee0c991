/**
 * ECDSA P-256 signatures in ASN.1 DER, parsed strictly and put in their canonical low-S form.
 *
 * For any valid signature (r, s), (r, n − s) is valid too: the "high-S twin". Rejecting high-S
 * signatures (Bitcoin's rule) is not an option here: GitHub and GitLab sign with ordinary
 * ECDSA libraries (Go's crypto/ecdsa and OpenSSL do not normalise s), so about half of their
 * genuine signatures are high-S and would be refused. Instead both twins are mapped to one
 * canonical signature before anything uses it, so a twin is the same signature, never a new one.
 */

/** The order of the P-256 group. */
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_N = N >> 1n;

function readInteger(der: Buffer, at: number): { value: bigint; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const length = der[at + 1];
  if (length === undefined || length === 0 || length > 33 || at + 2 + length > der.length) return undefined;
  const bytes = der.subarray(at + 2, at + 2 + length);
  // DER: non-negative and minimal (a leading zero only before a byte with its top bit set).
  if ((bytes[0]! & 0x80) !== 0) return undefined;
  if (bytes[0] === 0 && (bytes.length === 1 || (bytes[1]! & 0x80) === 0)) return undefined;
  return { value: BigInt(`0x${bytes.toString('hex')}`), next: at + 2 + length };
}

/** r and s of a strictly DER-encoded signature with both in [1, n − 1]; undefined otherwise. */
export function parseDerSignature(der: Buffer): { r: bigint; s: bigint } | undefined {
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const r = readInteger(der, 2);
  const s = r && readInteger(der, r.next);
  if (!r || !s || s.next !== der.length) return undefined;
  if (r.value < 1n || r.value >= N || s.value < 1n || s.value >= N) return undefined;
  return { r: r.value, s: s.value };
}

function integer(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  const body = (bytes[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

export function encodeDerSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** The low-S form of a DER signature (itself when already low-S); undefined when it is not strict DER. */
export function canonicalSignature(der: Buffer): Buffer | undefined {
  const parsed = parseDerSignature(der);
  if (!parsed) return undefined;
  return parsed.s > HALF_N ? encodeDerSignature(parsed.r, N - parsed.s) : encodeDerSignature(parsed.r, parsed.s);
}

/** The other valid signature for the same message and key (for tests). */
export function signatureTwin(der: Buffer): Buffer {
  const parsed = parseDerSignature(der);
  if (!parsed) throw new Error('not a DER ECDSA signature');
  return encodeDerSignature(parsed.r, N - parsed.s);
}
