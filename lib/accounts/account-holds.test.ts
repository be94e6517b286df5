import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection } from '@/db/client';
import { useFreshDatabase } from '@/lib/testing/fixtures';
import { setClock } from '@/lib/clock';
import { createUser } from '@/lib/accounts/users';
import { changeUsername, heldNamesOf, releasedNotice } from '@/lib/accounts/account';
import { globalHoldDays } from '@/lib/holds';

// What /account tells the person about the names they gave up (app/account/page.tsx, actions.ts),
// against a fresh database on this run's engine, with holds at their default (30 days).
beforeAll(async () => {
  await useFreshDatabase('namecheck-account-holds-');
});
afterEach(() => setClock(null));
afterAll(async () => {
  await closeConnection();
});

const DAY_MS = 24 * 60 * 60 * 1000;

describe('releasedNotice', () => {
  it('says held until when, free, or nothing', () => {
    const until = new Date('2027-01-02T03:04:05Z');
    expect(releasedNotice({ released: { username: 'old', heldUntil: until } })).toEqual({ kind: 'held', username: 'old', until });
    expect(releasedNotice({ released: { username: 'old', heldUntil: null } })).toEqual({ kind: 'free', username: 'old' });
    expect(releasedNotice({ released: null })).toBeNull();
  });
});

describe('heldNamesOf after renames', () => {
  it('lists the name given up until its hold ends; a take-back or the clock removes it', async () => {
    expect(globalHoldDays()).toBe(30);
    const start = new Date('2026-06-01T12:00:00Z');
    setClock(start);
    const { id } = await createUser({ username: 'holder-one', password: 'a long passphrase' });
    expect(await heldNamesOf(id)).toEqual([]);

    const renamed = await changeUsername(id, 'holder-two');
    const notice = releasedNotice(renamed);
    expect(notice).toEqual({ kind: 'held', username: 'holder-one', until: new Date(start.getTime() + 30 * DAY_MS) });
    expect(await heldNamesOf(id)).toEqual([{ username: 'holder-one', heldUntil: new Date(start.getTime() + 30 * DAY_MS) }]);

    // A second rename a day later: both names are held for them, soonest free first.
    const later = new Date(start.getTime() + DAY_MS);
    setClock(later);
    await changeUsername(id, 'holder-three');
    expect((await heldNamesOf(id)).map((h) => h.username)).toEqual(['holder-one', 'holder-two']);

    // Taking one back: it is theirs again, and no longer in the list; the name left is held instead.
    const back = await changeUsername(id, 'holder-one');
    expect(back.username).toBe('holder-one');
    expect(releasedNotice(back)).toMatchObject({ kind: 'held', username: 'holder-three' });
    expect((await heldNamesOf(id)).map((h) => h.username).sort()).toEqual(['holder-three', 'holder-two']);

    // Past the end of a hold the name is free: the list drops it without a job running.
    setClock(new Date(later.getTime() + 30 * DAY_MS + 1));
    expect(await heldNamesOf(id)).toEqual([]);
  });

  it('the same name in another case gives nothing up', async () => {
    const { id } = await createUser({ username: 'case-keeper', password: 'a long passphrase' });
    const renamed = await changeUsername(id, 'Case-Keeper');
    expect(releasedNotice(renamed)).toBeNull();
    expect(await heldNamesOf(id)).toEqual([]);
  });
});
