import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { HttpError } from '@/lib/http/problem';
import { HashQueueFull, newSlots, withSlot, type Slots } from './hash-slots';
import { translate } from '@/lib/i18n/translate';
import { passwordLengthProblem, passwordTooLong, type PasswordMessage } from './password-policy';

export { PASSWORD_MAX, PASSWORD_MIN } from './password-policy';

// OWASP's argon2id baseline: m=19 MiB, t=2, p=1. The PHC string records the parameters, so they
// can be raised later without breaking old hashes.
// `Algorithm.Argon2id` is an ambient const enum (not importable under isolatedModules): its value is 2.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Each argon2id hash holds 19 MiB while it runs. At most one per core at a time in the whole process:
// more would not be faster, only use more memory (and the allocator keeps some of what it once
// held). The count lives in shared memory because in production two threads hash: the main thread
// (the registration API) and Next's worker (sign-ins, the signup form); server.ts hands its slots to
// the worker, which installs them before Next loads (next-worker.ts).
const MAX_CONCURRENT_HASHES = Math.max(1, availableParallelism());
const slotsHolder = globalThis as unknown as { __namecheckHashSlots?: Slots };

/** This thread's hashing slots, to hand to a worker thread (`shareHashSlots` there). */
export function hashSlots(): Slots {
  return (slotsHolder.__namecheckHashSlots ??= newSlots());
}

/** In a worker thread, before any hashing: count against the slots another thread handed over. */
export function shareHashSlots(slots: Slots): void {
  slotsHolder.__namecheckHashSlots = slots;
}

// Behind the slots, at most this many hashes wait, process-wide. Enough that a burst from one
// address (60 registrations at once, the registration limit's order of magnitude) is served in full;
// at one hash per core (about 50 ms each here) the last of 256 waits a few seconds. Past it, a 503
// with Retry-After at once: a flood gets quick refusals, and the wait never grows without bound.
export const MAX_WAITING_HASHES = 256;
export const HASH_BUSY_RETRY_AFTER_SECONDS = 5;

/** The answer when the queue is full: the API sends it as a 503 problem, the pages as a message. */
export function hashQueueBusy(): HttpError {
  return new HttpError('unavailable', 'Too many passwords are being checked at once. Try again in a few seconds.', {
    headers: { 'retry-after': String(HASH_BUSY_RETRY_AFTER_SECONDS) },
    extensions: { reason: 'busy' },
  });
}

/** True for the error `hashQueueBusy` makes. */
export function isHashQueueBusy(error: unknown): boolean {
  return error instanceof HttpError && error.code === 'unavailable' && error.extensions.reason === 'busy';
}

async function limited<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withSlot(hashSlots(), MAX_CONCURRENT_HASHES, work, MAX_WAITING_HASHES);
  } catch (error) {
    throw error instanceof HashQueueFull ? hashQueueBusy() : error;
  }
}

/** Anything larger is refused before any hashing work is spent on it. */
export const PASSWORD_MAX_BYTES = 1024;

/** Length rules only (NIST 800-63B): no composition rules. Returns the messages' keys; empty when fine. */
export function passwordProblemRefs(password: string): PasswordMessage[] {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return [passwordTooLong()];
  const problem = passwordLengthProblem(password);
  return problem ? [problem] : [];
}

/** The same problems in English (problem details, the CLI). */
export function passwordProblems(password: string): string[] {
  return passwordProblemRefs(password).map((ref) => translate(ref));
}

export async function hashPassword(password: string): Promise<string> {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw new Error(problems[0]);
  return limited(() => hash(password, ARGON2ID));
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored PHC string. With no stored hash (unknown user, or an account
 * without a password) it still verifies against a dummy hash, so the answer takes as long either way.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return false;
  if (!stored) {
    dummyHash ??= limited(() => hash('namecheck-dummy-password', ARGON2ID)).catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    });
    const dummy = await dummyHash;
    await limited(() => verify(dummy, password).catch(() => false));
    return false;
  }
  // A malformed stored hash is a wrong password; a full queue is not (it throws hashQueueBusy).
  return limited(() => verify(stored, password).catch(() => false));
}
