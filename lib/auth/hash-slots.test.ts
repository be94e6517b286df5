import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { newSlots, withSlot } from './hash-slots';
import { hashPassword, hashSlots, shareHashSlots } from './password';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('hash slots', () => {
  it('never runs more than max at once in one thread, and runs every task', async () => {
    const slots = newSlots();
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withSlot(slots, 3, async () => {
          most = Math.max(most, ++running);
          await tick(i % 3);
          running--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(most).toBe(3);
    expect(Atomics.load(slots, 0)).toBe(0);
  });

  it('a failing task gives its slot back', async () => {
    const slots = newSlots();
    await expect(withSlot(slots, 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withSlot(slots, 1, () => Promise.resolve('next'))).toBe('next');
  });

  it('waits for slots held by another thread, and wakes when that thread releases them', async () => {
    const slots = newSlots();
    const released = new Int32Array(new SharedArrayBuffer(4));
    // The other thread takes both slots, then gives them back 100 ms later, after marking `released`.
    const other = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const { slots, released } = workerData;
       Atomics.add(slots, 0, 2);
       parentPort.postMessage('held');
       setTimeout(() => { Atomics.store(released, 0, 1); Atomics.sub(slots, 0, 2); Atomics.notify(slots, 0); }, 100);`,
      { eval: true, workerData: { slots, released } },
    );
    await new Promise((resolve) => other.once('message', resolve));
    const sawReleased = await withSlot(slots, 2, async () => Atomics.load(released, 0));
    expect(sawReleased).toBe(1);
    await other.terminate();
  });

  it('password hashing counts against the slots a thread was handed', async () => {
    const own = hashSlots();
    const handed = newSlots();
    shareHashSlots(handed);
    try {
      // Every slot taken elsewhere: the hash must wait for one.
      Atomics.store(handed, 0, availableParallelism());
      let settled = false;
      const hashing = hashPassword('correct horse battery').then((hash) => ((settled = true), hash));
      await tick(300);
      expect(settled).toBe(false);
      Atomics.sub(handed, 0, 1);
      Atomics.notify(handed, 0);
      expect(await hashing).toMatch(/^\$argon2id\$/);
      expect(Atomics.load(handed, 0)).toBe(availableParallelism() - 1);
    } finally {
      shareHashSlots(own);
    }
  });
});
