// How long a username given up stays held (the contract's USERNAME_HOLD_DAYS and
// COMPANY_USERNAME_HOLD_DAYS), from the lifecycle's clock (lib/clock.ts).
import { now } from '@/lib/clock';
import { readConfig } from '@/lib/config';

const DAY_MS = 24 * 60 * 60 * 1000;

function until(days: number, from: Date): Date | null {
  return days === 0 ? null : new Date(from.getTime() + days * DAY_MS);
}

/** When a global username given up at `from` becomes free; null: holds are off (free at once). */
export function globalHoldUntil(from: Date = now()): Date | null {
  return until(globalHoldDays(), from);
}

/** When a company username given up at `from` becomes free for the company; null: holds are off. */
export function companyHoldUntil(from: Date = now()): Date | null {
  return until(readConfig().holdDays.company, from);
}

/** How many days a global username given up stays held (USERNAME_HOLD_DAYS); 0: holds are off. */
export function globalHoldDays(): number {
  return readConfig().holdDays.global;
}
