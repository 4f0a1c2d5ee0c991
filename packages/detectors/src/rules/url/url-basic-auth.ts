import { pattern } from '../../boundaries.js';
import type { Rule } from '../../types.js';

export const PLACEHOLDER_PASSWORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'changeme',
  'example',
  'token',
  'xxx',
  'xxxx',
  'xxxxxx',
  'pa55word',
  'p4ssw0rd',
  'mypassword',
  'yourpassword',
  'your-password',
  'your_password',
]);
const PLACEHOLDER_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|host|hostname|example\.(?:com|org|net)|[^@]*\.example(?:\.com)?)(?:[:/]|$)/i;

/**
 * `scheme://user:password@host` — the password is the secret. Templates (`${PASS}`, `%s`,
 * `<password>`, `****`), common placeholder passwords, user == password, and documentation or
 * loopback hosts are not reported.
 */
export const urlBasicAuth: Rule = {
  id: 'url-basic-auth',
  description: 'Password embedded in a URL (basic auth)',
  provider: 'url',
  keywords: ['://'],
  // the common schemes, found inside base64 at every byte alignment
  encodedKeywords: ['https://', 'http://', 'postgres://', 'postgresql://', 'mysql://', 'mongodb://', 'mongodb+srv://', 'redis://', 'amqp://', 'ftp://'],
  window: { before: 32, after: 512 },
  // `://` is everywhere in source; only look further when `user:…@` follows before the URL's
  // authority could have ended (`git+ssh://git@host` has no password and stops here too)
  precheck: (at, from, to) => {
    let colon = false;
    for (let i = from; i < to && i < from + 200; i++) {
      const c = at(i);
      if (c === 64) return colon; // @
      if (c === 58)
        colon = true; // :
      else if (c <= 32 || c === 47 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96) return false; // space / " ' < > `
    }
    return false;
  },
  pattern: pattern(
    '(?<=[A-Za-z][A-Za-z0-9+.-]{0,30})://',
    "(?<user>[A-Za-z0-9._~%!$&'()*+,;=-]{1,64}):",
    '(?<secret>[A-Za-z0-9._~%!$&()*+,;=-]{3,128})@',
    '(?<host>[A-Za-z0-9][A-Za-z0-9.-]{0,252}(?::[0-9]{1,5})?)',
  ),
  confidence: 'medium',
  // A password someone typed: its plain SHA-256 could be reversed with a word list.
  hashing: 'keyed',
  placeholderCheck: false,
  validate: (secret, groups) => {
    const lower = secret.toLowerCase();
    if (groups['user'] === secret || PLACEHOLDER_HOSTS.test(groups['host'] ?? '')) return false;
    if (PLACEHOLDER_PASSWORDS.has(lower) || /^[x*.]+$/i.test(secret)) return false;
    if (/[$*]|%(?![0-9A-Fa-f]{2})/.test(secret)) return false;
    return true;
  },
  samples: {
    truePositives: (g) => {
      const p1 = `${g.alnum(10)}${g.pick(['!', '-', '_', '.'])}${g.alnum(6)}`;
      const p2 = g.alnum(24);
      return [
        { text: `DATABASE_URL=postgres://app:${p1}@db.internal.acme.io:5432/app`, secret: p1 },
        { text: `git clone https://deploy:${p2}@git.acme-corp.net/team/repo.git`, secret: p2 },
      ];
    },
    falsePositives: (g) => [
      'postgres://user:password@localhost:5432/db',
      `https://user:${'$'}{PASSWORD}@example.com/`,
      'mongodb://admin:%s@db.acme.io/',
      `redis://default:${g.alnum(16)}@localhost:6379`,
      'https://user:****@registry.acme.io',
      'http://example.com/path?x=a:b@c',
      'amqp://guest:guest@rabbit.acme.io',
    ],
  },
};
