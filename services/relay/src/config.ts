import { z } from 'zod';
import { httpUrl, kafkaFields, loadConfigOrExit, mongoFields, serviceFields } from '@keyguard/config';
import { relayPrivateKey } from '@keyguard/seal';

export const Config = z.object({
  ...serviceFields(8092),
  ...kafkaFields,
  ...mongoFields,
  /** The relay's X25519 private key (base64url PKCS#8): only this service can open sealed tokens. */
  KEYGUARD_RELAY_PRIVATE_KEY: z.string().refine((value) => {
    try {
      relayPrivateKey(value);
      return true;
    } catch {
      return false;
    }
  }, 'must be an X25519 private key (base64url PKCS#8 DER), as npm start generates'),
  /** GitHub's REST API (POST /credentials/revoke). */
  GITHUB_API_URL: httpUrl.default('https://api.github.com'),
  /** A batch waits at most this long for more tokens before it is sent (fewer calls within the issuer's limit). */
  RELAY_BATCH_WAIT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).default(30_000),
  /** How often the relay looks for reports to send. */
  RELAY_TICK_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(10).default(1000),
});
export type Config = z.infer<typeof Config>;

/** The only reader of process.env in this service. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => loadConfigOrExit(Config, env, 'relay');
