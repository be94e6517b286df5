// How many requests Next's worker is given at once, and how many may wait for it. Each request in
// flight to Next holds one of the proxy's pooled sockets, including while its body is still arriving:
// without a bound, a few hundred slow or stalled uploads held every socket and every page waited
// behind them. So requests still sending a body may hold at most half the sockets, the rest stay
// for everyone else, and a request that finds no socket waits in a bounded queue for a bounded time;
// past either bound it is answered 503 with Retry-After, never left hanging.

export interface SlotLimits {
  /** sockets to Next's worker (the pool's maxSockets) */
  sockets: number;
  /** of which, requests whose body has not all arrived may hold at most this many */
  uploads: number;
  /** requests waiting for a socket, at most */
  waiting: number;
  /** how long a request may wait, in ms */
  waitMs: number;
}

export const NEXT_SLOT_LIMITS: SlotLimits = { sockets: 256, uploads: 128, waiting: 512, waitMs: 10_000 };

export interface Slot {
  /** The request's body has all been sent on: it no longer counts as an upload. */
  bodySent(): void;
  /** The request is over (answered, refused or aborted): its socket is free. Idempotent. */
  release(): void;
}

interface Waiter {
  upload: boolean;
  start: (slot: Slot) => void;
  timer: NodeJS.Timeout;
}

const nothing = () => {};

export class NextSlots {
  private active = 0;
  private uploading = 0;
  private readonly waitingPages: Waiter[] = [];
  private readonly waitingUploads: Waiter[] = [];

  constructor(readonly limits: SlotLimits = NEXT_SLOT_LIMITS) {}

  /** Requests in flight to Next, of which uploads, and requests waiting. */
  counts(): { active: number; uploading: number; waiting: number } {
    return { active: this.active, uploading: this.uploading, waiting: this.waitingPages.length + this.waitingUploads.length };
  }

  /**
   * Calls `start` with a slot as soon as the request may go to Next (at once when a socket is free),
   * or `refuse` when the queue is full or the wait too long. Returns a function that takes a request
   * that has not started out of the queue (its client went away).
   */
  acquire(upload: boolean, start: (slot: Slot) => void, refuse: () => void): () => void {
    if (this.canStart(upload)) {
      start(this.take(upload));
      return nothing;
    }
    if (this.waitingPages.length + this.waitingUploads.length >= this.limits.waiting) {
      refuse();
      return nothing;
    }
    const queue = upload ? this.waitingUploads : this.waitingPages;
    const waiter: Waiter = {
      upload,
      start,
      timer: setTimeout(() => {
        if (remove(queue, waiter)) refuse();
      }, this.limits.waitMs),
    };
    queue.push(waiter);
    return () => {
      if (remove(queue, waiter)) clearTimeout(waiter.timer);
    };
  }

  private canStart(upload: boolean): boolean {
    return this.active < this.limits.sockets && (!upload || this.uploading < this.limits.uploads);
  }

  private take(upload: boolean): Slot {
    this.active++;
    if (upload) this.uploading++;
    let uploading = upload;
    let held = true;
    const bodySent = () => {
      if (!uploading) return;
      uploading = false;
      this.uploading--;
      this.startWaiting();
    };
    return {
      bodySent,
      release: () => {
        if (!held) return;
        held = false;
        if (uploading) {
          uploading = false;
          this.uploading--;
        }
        this.active--;
        this.startWaiting();
      },
    };
  }

  /** Starts waiting requests while there are sockets for them; requests without a body first. */
  private startWaiting(): void {
    for (;;) {
      let waiter: Waiter | undefined;
      if (this.waitingPages.length > 0 && this.canStart(false)) waiter = this.waitingPages.shift();
      else if (this.waitingUploads.length > 0 && this.canStart(true)) waiter = this.waitingUploads.shift();
      if (!waiter) return;
      clearTimeout(waiter.timer);
      waiter.start(this.take(waiter.upload));
    }
  }
}

function remove(queue: Waiter[], waiter: Waiter): boolean {
  const at = queue.indexOf(waiter);
  if (at === -1) return false;
  queue.splice(at, 1);
  return true;
}
