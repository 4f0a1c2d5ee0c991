import { LEFT_TOKEN, pattern } from '../../boundaries.js';
import type { Rule } from '../../types.js';

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A signed JWT (JWS compact form): the header must decode to JSON with a real `alg`. */
export const jwt: Rule = {
  id: 'jwt',
  description: 'JSON Web Token with a signature',
  provider: 'jwt',
  keywords: ['eyJ'],
  // {"alg": and {"typ": (base64url): found inside base64 at every byte alignment
  encodedKeywords: ['eyJhbGciOi', 'eyJ0eXAiOi'],
  pattern: pattern(LEFT_TOKEN, 'eyJ[A-Za-z0-9_-]{8,2000}\\.[A-Za-z0-9_-]{8,8000}\\.[A-Za-z0-9_-]{16,1000}', '(?![A-Za-z0-9_.=-])'),
  window: { after: 11100 },
  confidence: 'medium',
  placeholderCheck: false,
  validate: (secret) => {
    const [header, payload, signature] = secret.split('.') as [string, string, string];
    const h = decodeJson(header) as { alg?: unknown } | undefined;
    const p = decodeJson(payload);
    return (
      typeof h === 'object' &&
      h !== null &&
      typeof h.alg === 'string' &&
      h.alg.toLowerCase() !== 'none' &&
      typeof p === 'object' &&
      p !== null &&
      !/(.)\1{7}/.test(signature)
    );
  },
  samples: {
    truePositives: (g) => {
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const header = enc({ alg: 'HS256', typ: 'JWT' });
      const payload = enc({ sub: g.alnum(12), iat: g.int(1.6e9, 1.8e9), scope: 'repo' });
      const rs = enc({ alg: 'RS256', kid: g.hex(16) });
      return [`${header}.${payload}.${g.base64url(43)}`, `${rs}.${payload}.${g.base64url(342)}`];
    },
    falsePositives: (g) => {
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const payload = enc({ sub: g.alnum(12) });
      return [
        `${enc({ alg: 'none', typ: 'JWT' })}.${payload}.${g.base64url(43)}`,
        `${enc({ alg: 'HS256' })}.${payload}.`,
        `eyJ${g.base64url(30)}.${g.base64url(30)}.${g.base64url(43)}`,
      ];
    },
  },
};
