import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export const randomSecret = () => randomBytes(32).toString('base64url');

/** Secrets here are high-entropy, so a plain SHA-256 is enough: nothing to brute-force. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
