import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The hex SHA-256 of a key as typed (trimmed): what keys-api stores and matches, so a search
 * by key value sends this and never the key (a URL is kept by proxies, logs and history).
 * Pure JS (@noble/hashes), not Web Crypto: it works outside secure contexts too, so there is
 * no fallback that would put the key in a URL.
 */
export const keyHashOf = (value: string): string => bytesToHex(sha256(utf8ToBytes(value.trim())));
