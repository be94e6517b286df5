import { hash, randomBytes } from 'node:crypto';

/**
 * The SHA-256 (hex) of a bearer secret (an API token, a setup link's token): what the database
 * stores and looks up, never the secret itself. One-shot `crypto.hash`: no Hash object per call.
 */
export function hashSecretToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** What a one-time link's token looks like: 32 random bytes, base64url. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh one-time link token and the hash to store (setup, reset and verification links). */
export function mintLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecretToken(token) };
}
