import nodemailer from 'nodemailer';
import type { Email } from '../domain/digest-email.js';

export interface Mailer {
  send(email: Email & { messageId: string }): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer (SMTP_URL carries host, port and any credentials); text and HTML parts. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    async send(email) {
      await transport.sendMail({ to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId });
    },
    close: () => transport.close(),
  };
}
