import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: m=19 MiB, t=2, p=1. The PHC string records the parameters, so they
// can be raised later without breaking old hashes.
// `Algorithm.Argon2id` is an ambient const enum (not importable under isolatedModules): its value is 2.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** Anything larger is refused before any hashing work is spent on it. */
export const PASSWORD_MAX_BYTES = 1024;

/** Length rules only (NIST 800-63B): no composition rules. Returns messages; empty when fine. */
export function passwordProblems(password: string): string[] {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return [`Use ${PASSWORD_MAX} characters or fewer.`];
  }
  const length = [...password].length;
  if (length < PASSWORD_MIN) return [`Use at least ${PASSWORD_MIN} characters.`];
  if (length > PASSWORD_MAX) return [`Use ${PASSWORD_MAX} characters or fewer.`];
  return [];
}

export async function hashPassword(password: string): Promise<string> {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw new Error(problems[0]);
  return hash(password, ARGON2ID);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored PHC string. With no stored hash (unknown user, or an account
 * without a password) it still verifies against a dummy hash, so the answer takes as long either way.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return false;
  if (!stored) {
    dummyHash ??= hash('namecheck-dummy-password', ARGON2ID);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
