/**
 * A local SMTP sink for development and tests: accepts every message on SMTP_SINK_PORT,
 * keeps it as .eml + .json in SMTP_SINK_DIR, and serves what it received on
 * http://127.0.0.1:SMTP_SINK_HTTP_PORT/ (a page for people, /messages as JSON for tests).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 1025);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 1080);
const dir = process.env.SMTP_SINK_DIR ?? join(process.cwd(), '.keyguard/mail');
mkdirSync(dir, { recursive: true });

let sequence = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  banner: 'keyguard smtp sink',
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', async () => {
      try {
        const raw = Buffer.concat(chunks);
        const mail = await simpleParser(raw);
        const id = `${Date.now()}-${String(++sequence).padStart(6, '0')}`;
        const message = {
          id,
          receivedAt: new Date().toISOString(),
          envelope: { from: session.envelope.mailFrom?.address ?? null, to: session.envelope.rcptTo.map((r) => r.address) },
          messageId: mail.messageId ?? null,
          from: mail.from?.text ?? null,
          to: mail.to
            ? []
                .concat(mail.to)
                .map((a) => a.text)
                .join(', ')
            : null,
          subject: mail.subject ?? null,
          text: mail.text ?? null,
          html: typeof mail.html === 'string' ? mail.html : null,
          headers: Object.fromEntries([...mail.headers].map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
        };
        writeFileSync(join(dir, `${id}.eml`), raw);
        writeFileSync(join(dir, `${id}.json`), JSON.stringify(message, null, 2));
        console.log(`received ${id} to=${message.envelope.to.join(',')} subject=${JSON.stringify(message.subject)}`);
        callback();
      } catch (error) {
        callback(error);
      }
    });
  },
});

function messages() {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

const escapeHtml = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const httpServer = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/messages' && req.method === 'GET') {
    const to = url.searchParams.get('to');
    const list = messages().filter((m) => !to || m.envelope.to.includes(to));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
  } else if (url.pathname === '/messages' && req.method === 'DELETE') {
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
    res.writeHead(204).end();
  } else if (url.pathname === '/' && req.method === 'GET') {
    const rows = messages()
      .reverse()
      .map(
        (m) =>
          `<details><summary>${escapeHtml(m.receivedAt)} — <b>${escapeHtml(m.subject)}</b> → ${escapeHtml(m.envelope.to.join(', '))}</summary><pre>${escapeHtml(m.text)}</pre></details>`,
      )
      .join('\n');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><title>Keyguard mail</title><h1>Mail received by the local SMTP sink</h1><p>Files: ${escapeHtml(dir)}</p>${rows || '<p>No mail yet.</p>'}`,
      );
  } else {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  }
});

smtp.listen(smtpPort, '127.0.0.1', () => {
  httpServer.listen(httpPort, '127.0.0.1', () => {
    console.log(`smtp sink: smtp://127.0.0.1:${smtpPort}, mail at http://127.0.0.1:${httpPort}/, files in ${dir}`);
  });
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    httpServer.close();
    smtp.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
