// The time the username lifecycle reads: when a hold starts, and whether one is over. Holds expire
// by comparing this time with their `held_until`, so no job has to run; tests move it on instead of
// sleeping (`setClock`), and everything that decides a hold (the check, the writes, the pages, the
// CLI) reads it through `now()`.

export type Clock = () => Date;

const systemClock: Clock = () => new Date();
let current: Clock = systemClock;

export function now(): Date {
  return current();
}

/** Tests: the time from now on (a fixed Date, or a function); `null` goes back to the system clock. */
export function setClock(clock: Clock | Date | null): void {
  current = clock === null ? systemClock : clock instanceof Date ? () => new Date(clock.getTime()) : clock;
}
