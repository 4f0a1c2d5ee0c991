/**
 * npm start hands each service only its own secrets and prints where the secrets are, never
 * their values (issue 10, item 17).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeSecrets, generators, withoutPassword } from '../../infra/lib/local-env.mjs';
import { discoverServices, envFor } from '../../infra/lib/services.mjs';

const sample = () => Object.fromEntries(Object.entries(generators).map(([name, make]) => [name, make()]));

describe('each service gets only its own secrets', () => {
  const services = discoverServices();
  const byName = (name: string) => services.find((s) => s.name === name)!;
  const secrets = sample();
  const env = {
    ...secrets,
    GITHUB_TOKEN: 'gh-token-value',
    GITLAB_TOKEN: 'gl-token-value',
    POSTMAN_API_KEY: 'pm-value',
    SMTP_URL: 'smtp://u:p@mail:25',
    KAFKA_BROKERS: 'k:9092',
    MONGODB_URI: 'mongodb://db/',
    PATH: '/usr/bin',
  };
  const envOf = (name: string) => envFor(byName(name), env, services, Object.keys(generators));

  it('every generated secret is listed by exactly one service, but the hash key shared by the ingest services and the channel key by keys-api and notifier', () => {
    for (const name of Object.keys(generators)) {
      const listing = services.filter((s) => s.secrets.includes(name)).map((s) => s.name);
      // One deployment key for the keyed hash of guessable secrets: every ingest service must agree on it.
      if (name === 'KEYGUARD_HASH_KEY') expect(listing.sort()).toEqual(['github-ingest', 'gitlab-ingest', 'postman-ingest']);
      // Notification channels' signing secrets: keys-api encrypts them at rest, the notifier decrypts them to sign.
      else if (name === 'KEYGUARD_CHANNEL_ENCRYPTION_KEY') expect(listing.sort()).toEqual(['keys-api', 'notifier']);
      else expect(listing, name).toHaveLength(1);
    }
  });

  it("hands each its own and nobody else's; shared settings reach all", () => {
    expect(Object.keys(envOf('keys-api')).filter((k) => k in secrets || k.endsWith('_TOKEN') || k === 'SMTP_URL' || k === 'POSTMAN_API_KEY')).toEqual([
      'KEYGUARD_BOOTSTRAP_ADMIN_KEY',
      'KEYGUARD_CHANNEL_ENCRYPTION_KEY',
    ]);
    const github = envOf('github-ingest');
    expect(github).toMatchObject({ GITHUB_WEBHOOK_SECRET: secrets.GITHUB_WEBHOOK_SECRET, GITHUB_TOKEN: 'gh-token-value', PORT: '8081', METRICS_PORT: '9181' });
    for (const other of ['GITLAB_WEBHOOK_TOKEN', 'POSTMAN_WEBHOOK_SECRET', 'KEYGUARD_BOOTSTRAP_ADMIN_KEY', 'GITLAB_TOKEN', 'POSTMAN_API_KEY', 'SMTP_URL']) {
      expect(github[other], other).toBeUndefined();
    }
    const policy = envOf('policy');
    expect(Object.values(policy)).not.toEqual(expect.arrayContaining(Object.values(secrets)));
    expect(policy).toMatchObject({ KAFKA_BROKERS: 'k:9092', MONGODB_URI: 'mongodb://db/', PATH: '/usr/bin' });
    expect(envOf('notifier').SMTP_URL).toBe('smtp://u:p@mail:25');
    expect(envOf('postman-ingest').SMTP_URL).toBeUndefined();
  });
});

describe('what npm start prints about secrets', () => {
  it('names the file and the generated variables, never a value', () => {
    const values = sample();
    const printed = describeSecrets({ generated: Object.keys(values) }, '.keyguard/local.env').join('\n');
    expect(printed).toContain('.keyguard/local.env');
    expect(printed).toContain('KEYGUARD_BOOTSTRAP_ADMIN_KEY');
    for (const value of Object.values(values)) expect(printed).not.toContain(value);
  });

  it('prints a URL without its password', () => {
    expect(withoutPassword('mongodb://admin:s3cret@db:27017/keyguard')).toBe('mongodb://***@db:27017/keyguard');
    expect(withoutPassword('smtp://127.0.0.1:1025')).toBe('smtp://127.0.0.1:1025');
  });
});

describe('docker-compose', () => {
  const compose = readFileSync(fileURLToPath(new URL('../../infra/docker-compose.yml', import.meta.url)), 'utf8');
  /** The text of each service's block under `services:` (two-space indented names). */
  const blocks = Object.fromEntries(
    compose
      .slice(compose.indexOf('\nservices:\n'))
      .split(/\n(?= {2}[a-z-]+:\n)/)
      .slice(1)
      .map((block) => [/^ {2}([a-z-]+):/.exec(block)![1]!, block]),
  );

  it('pins every image by digest', () => {
    const images = [...compose.matchAll(/^\s*image:\s*(\S+)/gm)].map((m) => m[1]!).filter((i) => i !== 'keyguard:local');
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) expect(image, image).toMatch(/^[^@\s]+:[^@\s]+@sha256:[0-9a-f]{64}$/);
    const dockerfile = readFileSync(fileURLToPath(new URL('../../infra/docker/Dockerfile', import.meta.url)), 'utf8');
    for (const from of dockerfile.match(/^FROM \S+/gm)!) expect(from).toMatch(/@sha256:[0-9a-f]{64}$/);
  });

  it('gives each Keyguard service only the secrets its package.json lists', () => {
    const services = discoverServices();
    const secrets = new Set(services.flatMap((s) => s.secrets));
    for (const service of services) {
      const block = blocks[service.name];
      expect(block, service.name).toBeDefined();
      const named = [...secrets].filter((name) => new RegExp(`^\\s+${name}:`, 'm').test(block!));
      expect(named.sort(), service.name).toEqual([...service.secrets].sort());
    }
  });
});
