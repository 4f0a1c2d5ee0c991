import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Downloads and builds that survive clones: Kafka jars, the FerretDB binary. */
export const cacheDir = process.env.KEYGUARD_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keyguard');

/** Per-checkout runtime state (git-ignored): generated secrets, engine data, logs, mail. */
export const stateDir = join(root, '.keyguard');
