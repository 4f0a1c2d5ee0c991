/**
 * Paths pino censors in every log line. Secrets must never be logged, but a careless
 * `log.info({ req })` or `log.error({ err, config })` should still be safe, so the common
 * shapes are covered at the top level and one and two levels down.
 */
const sensitiveKeys = [
  'token',
  'rawToken',
  'secret',
  'password',
  'apiKey',
  'key',
  'signature',
  'authorization',
  'cookie',
  'GITHUB_WEBHOOK_SECRET',
  'GITHUB_TOKEN',
  'GITLAB_WEBHOOK_TOKEN',
  'GITLAB_TOKEN',
  'POSTMAN_WEBHOOK_SECRET',
  'POSTMAN_API_KEY',
  'KEYGUARD_BOOTSTRAP_ADMIN_KEY',
  'KEYGUARD_HASH_KEY',
];

const sensitiveHeaders = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-gitlab-token',
  'x-postman-signature',
  'github-public-key-signature',
  'gitlab-public-key-signature',
];

export const redactPaths: string[] = [
  ...sensitiveKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...sensitiveHeaders.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`, `*.*.headers["${h}"]`]),
];

export const censor = '[redacted]';
