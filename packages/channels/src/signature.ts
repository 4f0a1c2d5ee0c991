import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * `X-Keyguard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` — the
 * scheme Stripe made familiar: the timestamp inside the signed string lets a receiver refuse
 * replays older than its tolerance (5 minutes in our sample).
 */
export const SIGNATURE_HEADER = 'X-Keyguard-Signature';

/** A new channel signing secret: `whsec_` + 32 random bytes, base64url. */
export const newChannelSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export function signatureHeader(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** What a receiver does (and what the README shows): parse, check the age, compare in constant time. */
export function verifySignature(secret: string, body: string, header: string, { toleranceSeconds = 300, now = new Date() } = {}): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  const v1 = parts['v1'];
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
