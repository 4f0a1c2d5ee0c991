import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { uniqueName } from '@keyguard/testkit/bus';
import { createEnvelope, type ExposureRecordedPayload, type KeyRevokedPayload } from '@keyguard/events';

export interface SinkMessage {
  subject: string;
  text: string;
  html: string | null;
  envelope: { to: string[] };
}

export const mailTo = async (to: string): Promise<SinkMessage[]> =>
  (await fetch(`${process.env.SMTP_SINK_URL!}/messages?to=${encodeURIComponent(to)}`)).json() as Promise<SinkMessage[]>;

export const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

export function revokedEvent(email: string, overrides: Partial<KeyRevokedPayload> = {}) {
  const keyId = uniqueName('key');
  return createEnvelope(
    'key.revoked',
    {
      keyId,
      teamId: 'team_default',
      name: 'CI deploy key',
      preview: 'PMAK-…9f3e',
      owner: { id: 'usr_1', name: 'Ada', email },
      reason: 'exposure_auto',
      actor: { type: 'system', id: 'policy' },
      revokedAt: new Date().toISOString(),
      exposure: {
        detectedAt: new Date().toISOString(),
        locations: [{ source: 'postman', kind: 'collection', url: 'https://www.postman.com/acme/collection/c-1', resourceType: 'collection', resourceId: 'c-1' }],
      },
      ...overrides,
    } satisfies KeyRevokedPayload,
    { source: 'test', id: `key.revoked:${keyId}` },
  );
}

/** An `exposure.recorded` as the policy publishes it, for one of a team's keys (or a third-party token). */
export function recordedEvent(input: { teamId: string | null; owner?: { id: string; name: string; email: string }; keyName?: string; action?: ExposureRecordedPayload['action']; url?: string; ruleId?: string }) {
  const tokenHash = hashOf(randomBytes(16).toString('hex'));
  const findingId = `fnd_${tokenHash.slice(0, 32)}`;
  const keyId = uniqueName('key');
  const payload: ExposureRecordedPayload = {
    findingId,
    tokenHash,
    ruleId: input.ruleId ?? 'postman-api-key',
    redacted: `PMAK-…${tokenHash.slice(0, 4)}`,
    confidence: 'high',
    teamId: input.teamId,
    key: input.owner ? { id: keyId, name: input.keyName ?? `key ${keyId}`, preview: `PMAK-…${tokenHash.slice(0, 4)}`, owner: input.owner } : null,
    action: input.action ?? (input.owner ? 'marked_exposed' : 'recorded'),
    findingCreated: true,
    reopened: false,
    locations: [{ source: 'github', kind: 'commit', url: input.url ?? `https://github.com/acme/app/blob/${tokenHash.slice(0, 40)}/.env#L3`, repository: 'acme/app', path: '.env', line: 3, detectedAt: new Date().toISOString() }],
  };
  return createEnvelope('exposure.recorded', payload, { source: 'test', id: `exposure.recorded:${findingId}` });
}

export interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP receiver; `answer` decides the status of each request. */
export async function startReceiver(answer: (n: number) => number = () => 204) {
  const received: Received[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = answer(n++);
      if (status < 300) received.push({ at: Date.now(), headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
