import { z } from 'zod';
import { httpUrl, kafkaFields, loadConfigOrExit, mongoFields, serviceFields, smtpUrl } from '@keyguard/config';

export const Config = z.object({
  ...serviceFields(8091),
  ...kafkaFields,
  ...mongoFields,
  SMTP_URL: smtpUrl,
  /** Sender of the emails. */
  MAIL_FROM: z.string().default('Keyguard <keyguard@localhost>'),
  /** Where the email's "what to do next" links point (the dashboard). */
  DASHBOARD_URL: httpUrl.default('http://127.0.0.1:8080/'),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'notifier');
