import { hash } from 'node:crypto';

/**
 * The SHA-256 (hex) of a bearer secret (an API token, a setup link's token): what the database
 * stores and looks up, never the secret itself. One-shot `crypto.hash`: no Hash object per call.
 */
export function hashSecretToken(token: string): string {
  return hash('sha256', token, 'hex');
}
