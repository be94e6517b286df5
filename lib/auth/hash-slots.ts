// A counting semaphore over a SharedArrayBuffer, so that threads of one process share one limit.
// Used for password hashing: in production Next (sign-ins, the signup form) runs in a worker thread
// and the registration API in the main thread, and "at most one argon2id hash per core" has to hold
// for the process, not for each thread (docs/decisions/004-performance.md). The queue in front of
// the slots is bounded too: a caller that would be the (maxWaiting + 1)th in line is turned away at
// once (HashQueueFull), so a flood of sign-ins gets quick refusals instead of ever longer waits.

/** An Int32Array: element 0 counts the slots in use, element 1 the callers waiting for one. */
export type Slots = Int32Array<SharedArrayBuffer>;

const IN_USE = 0;
const WAITING = 1;

export function newSlots(): Slots {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** Too many callers are waiting for a slot already; try again in a moment. */
export class HashQueueFull extends Error {
  constructor() {
    super('Too many password checks are waiting already.');
    this.name = 'HashQueueFull';
  }
}

// ES2024's Atomics.waitAsync (in Node since 16), not yet in TypeScript's ES2023 lib.
type WaitAsync = (array: Slots, index: number, value: number) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** Takes a slot if one is free now. */
function tryAcquire(slots: Slots, max: number): boolean {
  for (;;) {
    const inUse = Atomics.load(slots, IN_USE);
    if (inUse >= max) return false;
    if (Atomics.compareExchange(slots, IN_USE, inUse, inUse + 1) === inUse) return true;
  }
}

async function acquire(slots: Slots, max: number, maxWaiting: number): Promise<void> {
  if (tryAcquire(slots, max)) return;
  const position = Atomics.add(slots, WAITING, 1) + 1;
  try {
    if (position > maxWaiting) throw new HashQueueFull();
    for (;;) {
      const inUse = Atomics.load(slots, IN_USE);
      if (inUse < max) {
        if (Atomics.compareExchange(slots, IN_USE, inUse, inUse + 1) === inUse) return;
        continue;
      }
      // Sleeps until the count changes from what was read (a release anywhere in the process).
      const waited = waitAsync(slots, IN_USE, inUse);
      if (waited.async) await waited.value;
    }
  } finally {
    Atomics.sub(slots, WAITING, 1);
  }
}

function release(slots: Slots): void {
  Atomics.sub(slots, IN_USE, 1);
  Atomics.notify(slots, IN_USE, 1);
}

/** How many callers wait for a slot right now, in every thread that shares `slots`. */
export function waitingFor(slots: Slots): number {
  return Atomics.load(slots, WAITING);
}

/**
 * Runs `work` once fewer than `max` slots are in use, in any thread that shares `slots`; throws
 * HashQueueFull at once when `maxWaiting` callers are waiting already.
 */
export async function withSlot<T>(slots: Slots, max: number, work: () => Promise<T>, maxWaiting = Number.POSITIVE_INFINITY): Promise<T> {
  await acquire(slots, max, maxWaiting);
  try {
    return await work();
  } finally {
    release(slots);
  }
}
