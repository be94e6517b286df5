import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRun } from '@/db/testing/sql';
import { globalNameStore, companyNameStore, companyNameSetStore } from '@/db/queries/names';
import { useFreshDatabase } from '@/lib/testing/fixtures';
import { createMemoryNameStore } from '@/lib/usernames/memory-store';
import { usernameForms } from '@/lib/usernames';

// The database's name stores (on the engine of this run) must answer exactly as the in-memory store
// the policy's tests use: same `find`, same `free`, for names full of look-alikes, some of them in
// use, some held (for someone), some with a hold whose time is up (which counts as free).

// Letters that fold, width variants and confusables, so that candidates often collide.
const LETTERS = ['a', 'A', 'а', 'o', '0', 'O', 'l', '1', 'I', 'i', 'r', 'n', 'm', 'ｍ', 'e', 'е', '_', '.'];
const name = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));

let nextCompany = 1;

beforeAll(async () => {
  await useFreshDatabase('namecheck-store-');
});

const NOW = new Date('2026-12-03T12:00:00Z');
const HOUR = 3_600_000;

/** How a stored name is kept: in use, held (until after NOW), or held with its time up (before NOW). */
type Kind = 'live' | 'held' | 'expired';
const kind = fc.constantFrom<Kind>('live', 'held', 'expired');

async function freshNamespace(stored: readonly (readonly [string, Kind])[]) {
  const n = nextCompany++;
  const { id: companyId } = (await testRow<{ id: number }>('INSERT INTO companies (name, slug) VALUES (?, ?) RETURNING id', [`c${n}`, `c${n}`]))!;
  await testRun('DELETE FROM global_names');
  await testRun('DELETE FROM users');
  const global = createMemoryNameStore('global', { now: () => NOW });
  const company = createMemoryNameStore('company', { now: () => NOW });
  const rowKeys = new Set<string>();
  const rowCanonicals = new Set<string>();
  for (const [name, how] of stored) {
    const until = how === 'live' ? null : new Date(NOW.getTime() + (how === 'held' ? HOUR : -HOUR));
    const g = usernameForms(name, 'global');
    // The database refuses look-alikes, of rows whose hold is over too (the write that takes a name
    // deletes such a row first; this test writes rows by hand).
    if (rowKeys.has(g.key!)) continue;
    rowKeys.add(g.key!);
    const person = (await testRow<{ id: number }>('INSERT INTO users (username) VALUES (NULL) RETURNING id'))!;
    await testRun('INSERT INTO global_names (username, username_canonical, similarity_key, user_id, held_until) VALUES (?, ?, ?, ?, ?)', [
      name,
      g.canonical,
      g.key,
      person.id,
      until,
    ]);
    if (until === null) global.add(name);
    else if (how === 'held') global.hold(name, { until, forUserId: person.id });
    const c = usernameForms(name, 'company');
    if (rowCanonicals.has(c.canonical)) continue;
    rowCanonicals.add(c.canonical);
    if (until === null) {
      await testRun('INSERT INTO memberships (company_id, user_id, company_username, company_username_canonical) VALUES (?, ?, ?, ?)', [companyId, person.id, name, c.canonical]);
      company.add(name);
    } else {
      await testRun(
        'INSERT INTO company_name_holds (company_id, company_username, company_username_canonical, user_id, held_until) VALUES (?, ?, ?, ?, ?)',
        [companyId, name, c.canonical, person.id, until],
      );
      if (how === 'held') company.hold(name, { until, forUserId: person.id });
    }
  }
  return { companyId, global, company };
}

describe('the database name stores', () => {
  it('find and free exactly as the in-memory store does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, kind), { maxLength: 12 }), fc.array(name, { minLength: 1, maxLength: 10 }), async (stored, asked) => {
        const { companyId, global, company } = await freshNamespace(stored);
        const sqlGlobal = globalNameStore(NOW);
        const sqlCompany = companyNameStore(companyId, NOW);
        const globalForms = asked.map((n) => usernameForms(n, 'global'));
        const companyForms = asked.map((n) => usernameForms(n, 'company'));
        for (const forms of globalForms) expect(await sqlGlobal.find(forms)).toEqual(global.find(forms));
        for (const forms of companyForms) expect(await sqlCompany.find(forms)).toEqual(company.find(forms));
        expect([...(await sqlGlobal.free(globalForms))].sort()).toEqual([...global.free(globalForms)].sort());
        expect([...(await sqlCompany.free(companyForms))].sort()).toEqual([...company.free(companyForms)].sort());
        // With the likely suggestions named to `find` (PostgreSQL asks about them in the same
        // statement, with the admin rules, and answers `free` and `reservedRules` from that).
        const hinted = globalNameStore(NOW);
        for (const forms of globalForms) expect(await hinted.find(forms, () => globalForms)).toEqual(global.find(forms));
        expect([...(await hinted.free(globalForms))].sort()).toEqual([...global.free(globalForms)].sort());
        expect(await hinted.reservedRules()).toEqual(await sqlGlobal.reservedRules());
        const hintedCompany = companyNameStore(companyId, NOW);
        for (const forms of companyForms) expect(await hintedCompany.find(forms, () => companyForms)).toEqual(company.find(forms));
        expect([...(await hintedCompany.free(companyForms))].sort()).toEqual([...company.free(companyForms)].sort());
        // The bulk check's one statement for many names answers as `find` does for each.
        const inUse = await companyNameSetStore(companyId, NOW).inUse(companyForms);
        expect([...inUse.canonicals].sort()).toEqual([...new Set(companyForms.filter((f) => company.find(f).canonicalTaken).map((f) => f.canonical))].sort());
        expect(inUse.keys.size).toBe(0);
        for (const forms of companyForms) expect(inUse.holds.get(forms.canonical) ?? null).toEqual(company.find(forms).hold);
      }),
      { numRuns: 200 },
    );
  });

  it('call a name taken when its canonical form is stored and similar when only its key is', async () => {
    await freshNamespace([['rn_o', 'live']]);
    const store = globalNameStore(NOW);
    expect(await store.find(usernameForms('RN_O', 'global'))).toEqual({ canonicalTaken: true, similarTaken: true, hold: null });
    expect(await store.find(usernameForms('m_0', 'global'))).toEqual({ canonicalTaken: false, similarTaken: true, hold: null });
    expect(await store.free([usernameForms('m_0', 'global'), usernameForms('m_2', 'global')])).toEqual(new Set(['m_2']));
    // Asked about names it was not told of before, a hinted store still asks the database.
    await testRun("INSERT INTO reserved_rules (kind, value, key) VALUES ('prefix', 'zz', 'zz')");
    const hinted = globalNameStore(NOW);
    await hinted.find(usernameForms('RN_O', 'global'), () => [usernameForms('m_2', 'global')]);
    expect(await hinted.free([usernameForms('m_0', 'global'), usernameForms('m_3', 'global')])).toEqual(new Set(['m_3']));
    expect(await hinted.free([usernameForms('m_2', 'global')])).toEqual(new Set(['m_2']));
    expect(await hinted.reservedRules()).toEqual([{ kind: 'prefix', key: 'zz' }]);
    await testRun("DELETE FROM reserved_rules WHERE key = 'zz'");
  });
});

describe('held names in the database stores', () => {
  it('count a held name as in use until its time, with until when and for whom; then as free', async () => {
    const { companyId } = await freshNamespace([['heldname', 'held']]);
    const person = (await testRow<{ user_id: number }>('SELECT user_id FROM global_names WHERE username = ?', ['heldname']))!.user_id;
    const until = new Date(NOW.getTime() + HOUR);
    const hold = { until, forUserId: person };
    expect(await globalNameStore(NOW).find(usernameForms('HeldName', 'global'))).toEqual({ canonicalTaken: true, similarTaken: true, hold });
    expect(await globalNameStore(NOW).find(usernameForms('held.name', 'global'))).toEqual({ canonicalTaken: false, similarTaken: true, hold });
    expect(await companyNameStore(companyId, NOW).find(usernameForms('heldname', 'company'))).toEqual({ canonicalTaken: true, similarTaken: false, hold });
    // A moment past its time: free, with no job having run.
    const later = new Date(until.getTime() + 1);
    expect(await globalNameStore(later).find(usernameForms('heldname', 'global'))).toEqual({ canonicalTaken: false, similarTaken: false, hold: null });
    expect(await globalNameStore(later).free([usernameForms('heldname', 'global')])).toEqual(new Set(['heldname']));
    expect(await companyNameStore(companyId, later).find(usernameForms('heldname', 'company'))).toEqual({ canonicalTaken: false, similarTaken: false, hold: null });
  });
});
