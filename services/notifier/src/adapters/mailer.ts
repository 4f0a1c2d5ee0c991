import nodemailer from 'nodemailer';
import type { Email } from '../domain/digest-email.js';

export interface Mailer {
  send(email: Email & { messageId: string }): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer (SMTP_URL carries host, port and any credentials), text and HTML
 * parts. A send ends,
 * one way or the other, within ~40 s (nodemailer's defaults allow minutes): a claim older than
 * the notification repository's stale limit (60 s) is then surely not being sent any more.
 */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }, { from });
  return {
    async send(email) {
      await transport.sendMail({ to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId });
    },
    close: () => transport.close(),
  };
}
