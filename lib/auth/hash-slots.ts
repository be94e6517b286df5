// A counting semaphore over a SharedArrayBuffer, so that threads of one process share one limit.
// Used for password hashing: in production Next (sign-ins, the signup form) runs in a worker thread
// and the registration API in the main thread, and "at most one argon2id hash per core" has to hold
// for the process, not for each thread (docs/decisions/004-performance.md).

/** An Int32Array's first element counts the slots in use. */
export type Slots = Int32Array<SharedArrayBuffer>;

export function newSlots(): Slots {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

// ES2024's Atomics.waitAsync (in Node since 16), not yet in TypeScript's ES2023 lib.
type WaitAsync = (array: Slots, index: number, value: number) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

async function acquire(slots: Slots, max: number): Promise<void> {
  for (;;) {
    const inUse = Atomics.load(slots, 0);
    if (inUse < max) {
      if (Atomics.compareExchange(slots, 0, inUse, inUse + 1) === inUse) return;
      continue;
    }
    // Sleeps until the count changes from what was read (a release anywhere in the process).
    const waited = waitAsync(slots, 0, inUse);
    if (waited.async) await waited.value;
  }
}

function release(slots: Slots): void {
  Atomics.sub(slots, 0, 1);
  Atomics.notify(slots, 0, 1);
}

/** Runs `work` once fewer than `max` slots are in use, in any thread that shares `slots`. */
export async function withSlot<T>(slots: Slots, max: number, work: () => Promise<T>): Promise<T> {
  await acquire(slots, max);
  try {
    return await work();
  } finally {
    release(slots);
  }
}
