import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';
import { requireFreePort, startProcess, waitForPort } from './process.mjs';

/** Starts the local SMTP sink: SMTP on `smtpPort`, received mail as JSON on http `httpPort`. */
export async function startSmtpSink({ dir, smtpPort, httpPort }) {
  await requireFreePort(smtpPort, 'smtp sink');
  await requireFreePort(httpPort, 'smtp sink http');
  mkdirSync(dir, { recursive: true });
  const child = startProcess('smtp-sink', process.execPath, [join(root, 'infra/smtp-sink/main.mjs')], {
    logFile: join(dir, 'smtp-sink.log'),
    env: { SMTP_SINK_PORT: String(smtpPort), SMTP_SINK_HTTP_PORT: String(httpPort), SMTP_SINK_DIR: join(dir, 'mail') },
  });
  await waitForPort(httpPort, { child, what: `smtp sink on 127.0.0.1:${httpPort}`, timeoutMs: 20_000 });
  return child;
}
