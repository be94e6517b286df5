import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCompanyAudit } from '@/lib/audit';
import { setClock } from '@/lib/clock';
import type { Acting } from '@/lib/companies/access';
import { listHeldCompanyUsernames, releaseHeldCompanyUsername } from '@/lib/companies/holds';
import { removeMember, setCompanyUsername } from '@/lib/companies/members';
import { addToCompany, makeCompany, makeUser, refused, useFreshDatabase } from '@/lib/testing/fixtures';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T12:00:00Z');

let acme: number;
let other: number;
let boss: Acting;
let jane: Acting & { username: string };
let joe: Acting & { username: string };
let outsider: Acting;

beforeAll(async () => {
  await useFreshDatabase();
  setClock(start);
  acme = await makeCompany('Acme', 'acme');
  other = await makeCompany('Other', 'other');
  boss = await makeUser('boss');
  jane = await makeUser('jane');
  joe = await makeUser('joe');
  outsider = await makeUser('outsider');
  await addToCompany(acme, 'boss', 'admin');
  await addToCompany(acme, 'jane', 'member', 'JD-1');
  await addToCompany(acme, 'joe', 'member', 'JO-1');
  await addToCompany(other, 'outsider', 'admin');
});

afterAll(() => setClock(null));

describe('held company usernames', () => {
  it('lists a replaced name with who had it and until when (30 days by default)', async () => {
    await setCompanyUsername(boss, acme, jane.userId, 'JD-2');
    expect(await listHeldCompanyUsernames(boss, acme)).toEqual([
      { companyUsername: 'JD-1', userId: jane.userId, username: 'jane', heldUntil: new Date(start.getTime() + 30 * DAY) },
    ]);
    // Held for the company, for anyone but jane: another member is refused it with reason held.
    const error = await refused(() => setCompanyUsername(boss, acme, joe.userId, 'jd-1'), 409);
    expect(error.extensions.reason).toBe('held');
  });

  it('lists a removed member’s name too, soonest free first', async () => {
    setClock(new Date(start.getTime() - DAY));
    await removeMember(boss, acme, joe.userId);
    setClock(start);
    expect((await listHeldCompanyUsernames(boss, acme)).map((h) => h.companyUsername)).toEqual(['JO-1', 'JD-1']);
  });

  it('leaves out a hold that is over (by the clock, no job)', async () => {
    setClock(new Date(start.getTime() + 29.5 * DAY));
    expect((await listHeldCompanyUsernames(boss, acme)).map((h) => h.companyUsername)).toEqual(['JD-1']);
    setClock(start);
  });

  it('is a 404 for anyone who does not administer the company, and for the signed out', async () => {
    await refused(() => listHeldCompanyUsernames(jane, acme), 404);
    await refused(() => listHeldCompanyUsernames(outsider, acme), 404);
    await refused(() => listHeldCompanyUsernames(null, acme), 404);
    await refused(() => releaseHeldCompanyUsername(outsider, acme, 'JD-1'), 404, /no such company/);
    await refused(() => releaseHeldCompanyUsername(jane, acme, 'JD-1'), 404, /no such company/);
    expect((await listHeldCompanyUsernames(boss, acme)).map((h) => h.companyUsername)).toEqual(['JO-1', 'JD-1']);
  });

  it('releases a held name at once, by its canonical form, with an audit entry; then anyone may have it', async () => {
    expect(await releaseHeldCompanyUsername(boss, acme, 'ｊｄ-1')).toEqual({ companyUsername: 'JD-1' });
    expect((await listHeldCompanyUsernames(boss, acme)).map((h) => h.companyUsername)).toEqual(['JO-1']);
    const [entry] = await listCompanyAudit(boss, acme);
    expect(entry).toMatchObject({ actor: 'boss', action: 'member.company_username.release', summary: 'released the held company username "JD-1"' });
    await addToCompany(acme, 'outsider', 'member');
    expect((await setCompanyUsername(boss, acme, outsider.userId, 'JD-1')).companyUsername).toBe('JD-1');
  });

  it('a name that is not held, released already, or whose hold is over is a 404 that says so', async () => {
    await refused(() => releaseHeldCompanyUsername(boss, acme, 'JD-1'), 404, /"JD-1" is not held for Acme/);
    await refused(() => releaseHeldCompanyUsername(boss, acme, 'nobody'), 404, /is not held/);
    setClock(new Date(start.getTime() + 30 * DAY));
    await refused(() => releaseHeldCompanyUsername(boss, acme, 'JO-1'), 404, /is not held/);
    setClock(start);
    await refused(() => releaseHeldCompanyUsername(boss, acme, ''), 400);
    await refused(() => releaseHeldCompanyUsername(boss, acme, 'x'.repeat(2000)), 400);
  });

  it('a name held in one company is not listed, nor released, in another', async () => {
    expect(await listHeldCompanyUsernames(outsider, other)).toEqual([]);
    await refused(() => releaseHeldCompanyUsername(outsider, other, 'JO-1'), 404, /is not held/);
    expect((await listHeldCompanyUsernames(boss, acme)).map((h) => h.companyUsername)).toEqual(['JO-1']);
  });
});
