import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison (length differences leak only the length). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

/** `sha256=<hex>` of HMAC-SHA256 over the given parts, concatenated (no copy of the raw body). */
export function hmacSha256Hex(secret: string, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/** Verifies `sha256=<hex>` over `parts` in constant time. */
export function verifySha256Signature(secret: string, header: string | undefined, ...parts: (string | Buffer)[]): boolean {
  if (!header?.startsWith('sha256=')) return false;
  return safeEqual(header, `sha256=${hmacSha256Hex(secret, ...parts)}`);
}
