import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextSlots, type Slot } from '@/lib/server/next-slots';

afterEach(() => vi.useRealTimers());

function harness(limits = { sockets: 4, uploads: 2, waiting: 3, waitMs: 1_000 }) {
  const slots = new NextSlots(limits);
  const started: Slot[] = [];
  let refused = 0;
  const ask = (upload: boolean) =>
    slots.acquire(
      upload,
      (slot) => started.push(slot),
      () => refused++,
    );
  return { slots, started, ask, refused: () => refused };
}

describe('NextSlots', () => {
  it('lets uploads hold at most their share, so requests without a body still start', () => {
    const { started, ask, slots } = harness();
    for (let i = 0; i < 5; i++) ask(true); // five stalled uploads
    expect(started).toHaveLength(2);
    ask(false);
    ask(false);
    expect(started).toHaveLength(4);
    expect(slots.counts()).toEqual({ active: 4, uploading: 2, waiting: 3 });
  });

  it('starts a waiting upload when an upload has sent its body, and a waiting page when a slot frees', () => {
    const { started, ask } = harness();
    ask(true);
    ask(true);
    ask(true); // waits: uploads are full
    expect(started).toHaveLength(2);
    started[0]!.bodySent();
    expect(started).toHaveLength(3);
    ask(false); // the fourth socket
    ask(false); // waits: every socket is taken
    expect(started).toHaveLength(4);
    started[1]!.release();
    started[1]!.release(); // twice changes nothing
    expect(started).toHaveLength(5);
  });

  it('answers 503 (refuse) at once when the queue is full, and after waitMs to those still waiting', () => {
    vi.useFakeTimers();
    const { started, ask, refused, slots } = harness();
    for (let i = 0; i < 4; i++) ask(false);
    for (let i = 0; i < 3; i++) ask(false);
    expect(refused()).toBe(0);
    ask(false);
    expect(refused()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(refused()).toBe(4);
    expect(started).toHaveLength(4);
    expect(slots.counts().waiting).toBe(0);
  });

  it('forgets a waiting request whose client left', () => {
    vi.useFakeTimers();
    const { started, ask, refused, slots } = harness();
    for (let i = 0; i < 4; i++) ask(false);
    const leave = ask(false);
    leave();
    expect(slots.counts().waiting).toBe(0);
    started[0]!.release();
    vi.advanceTimersByTime(5_000);
    expect(started).toHaveLength(4);
    expect(refused()).toBe(0);
  });
});
