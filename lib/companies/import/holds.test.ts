// The CSV import and company holds: a replaced name is held for the company (as on the members
// table), a held name is refused for anyone but the person it is held for, and a hold that is over
// counts as free (both engines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRow } from '@/db/testing/sql';
import { setClock } from '@/lib/clock';
import type { Acting } from '@/lib/companies/access';
import { listHeldCompanyUsernames } from '@/lib/companies/holds';
import { applyImport } from '@/lib/companies/import/apply';
import { previewImport } from '@/lib/companies/import/preview';
import { exportMembersCsv } from '@/lib/companies/members';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-03-01T12:00:00Z');
const file = (...rows: string[]) => ['username,company_username', ...rows, ''].join('\n');

let acme: number;
let admin: Acting;
let carol: Acting;

beforeAll(async () => {
  await useFreshDatabase();
  setClock(start);
  acme = await makeCompany('Acme', 'acme');
  admin = await makeUser('boss');
  carol = await makeUser('carol');
  await makeUser('dave');
  await addToCompany(acme, 'boss', 'admin');
  await addToCompany(acme, 'carol', 'member', 'C-1');
  await addToCompany(acme, 'dave', 'member', 'D-1');
});

afterAll(() => setClock(null));

const held = async () => (await listHeldCompanyUsernames(admin, acme)).map((h) => [h.companyUsername, h.username, h.heldUntil.toISOString()]);

describe('CSV import and company holds', () => {
  it('a row that replaces a company username holds the old one for the company', async () => {
    expect(await applyImport(admin, acme, file('carol,C-2'))).toMatchObject({ updated: 1, skipped: 0 });
    expect(await held()).toEqual([['C-1', 'carol', new Date(start.getTime() + 30 * DAY).toISOString()]]);
    // A change of case only is the same name: nothing is held for it.
    expect(await applyImport(admin, acme, file('dave,d-1'))).toMatchObject({ updated: 1 });
    expect(await held()).toHaveLength(1);
  });

  it('refuses a held name for anyone else, with reason held and until when, and skips those rows', async () => {
    // A new account, and another member (one file each: the same name twice in a file is a duplicate).
    for (const [row, name] of [[',c-1', 'c-1'], ['dave,C-1', 'C-1']] as const) {
      const preview = await previewImport(admin, acme, file(row));
      expect(preview.counts).toMatchObject({ held: 1, create: 0, update: 0 });
      expect(preview.rows.map((r) => [r.row, r.status, r.message])).toEqual([
        [2, 'held', `Username "${name}" was given up recently and is held for this company until March 31, 2026`],
      ]);
      expect(await applyImport(admin, acme, file(row))).toMatchObject({ created: 0, updated: 0, skipped: 1 });
    }
    expect((await exportMembersCsv(admin, acme)).csv).toContain('dave,d-1,member');
  });

  it('the person it is held for takes it back: the hold goes, and the name given up instead is held', async () => {
    expect((await previewImport(admin, acme, file('carol,c-1'))).counts.update).toBe(1);
    expect(await applyImport(admin, acme, file('carol,c-1'))).toMatchObject({ updated: 1 });
    expect(await held()).toEqual([['C-2', 'carol', new Date(start.getTime() + 30 * DAY).toISOString()]]);
    expect(await testRow('SELECT count(*) AS n FROM company_name_holds WHERE company_username_canonical = ?', ['c-1'])).toEqual({ n: 0 });
    expect((await testRow('SELECT company_username AS name FROM memberships WHERE user_id = ?', [carol.userId]))).toEqual({ name: 'c-1' });
  });

  it('a hold that is over counts as free, and its row goes when the name is taken', async () => {
    setClock(new Date(start.getTime() + 30 * DAY));
    expect(await applyImport(admin, acme, file(',C-2'))).toMatchObject({ created: 1, skipped: 0 });
    expect(await held()).toEqual([]);
    expect(await testRow('SELECT count(*) AS n FROM company_name_holds', [])).toEqual({ n: 0 });
    setClock(start);
  });
});
