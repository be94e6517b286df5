import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRun } from '@/db/testing/sql';
import { globalNameStore, companyNameStore, companyNameSetStore } from '@/db/queries/names';
import { useFreshDatabase } from '@/lib/testing/fixtures';
import { createMemoryNameStore } from '@/lib/usernames/memory-store';
import { usernameForms } from '@/lib/usernames';

// The database's name stores (on the engine of this run) must answer exactly as the in-memory store
// the policy's tests use: same `find`, same `free`, for names full of look-alikes.

// Letters that fold, width variants and confusables, so that candidates often collide.
const LETTERS = ['a', 'A', 'а', 'o', '0', 'O', 'l', '1', 'I', 'i', 'r', 'n', 'm', 'ｍ', 'e', 'е', '_', '.'];
const name = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));

let nextCompany = 1;

beforeAll(async () => {
  await useFreshDatabase('namecheck-store-');
});

async function freshNamespace(stored: readonly string[]) {
  const n = nextCompany++;
  const { id: companyId } = (await testRow<{ id: number }>('INSERT INTO companies (name, slug) VALUES (?, ?) RETURNING id', [`c${n}`, `c${n}`]))!;
  await testRun('DELETE FROM users');
  const global = createMemoryNameStore('global');
  const company = createMemoryNameStore('company');
  for (const name of stored) {
    const g = usernameForms(name, 'global');
    const known = global.find(g);
    if (known.canonicalTaken || known.similarTaken) continue; // the database refuses look-alikes
    await testRun('INSERT INTO users (username, username_canonical, similarity_key) VALUES (?, ?, ?)', [name, g.canonical, g.key]);
    global.add(name);
    const c = usernameForms(name, 'company');
    if (company.find(c).canonicalTaken) continue;
    const bare = (await testRow<{ id: number }>('INSERT INTO users (username) VALUES (NULL) RETURNING id'))!;
    await testRun('INSERT INTO memberships (company_id, user_id, company_username, company_username_canonical) VALUES (?, ?, ?, ?)', [companyId, bare.id, name, c.canonical]);
    company.add(name);
  }
  return { companyId, global, company };
}

describe('the database name stores', () => {
  it('find and free exactly as the in-memory store does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(name, { maxLength: 12 }), fc.array(name, { minLength: 1, maxLength: 10 }), async (stored, asked) => {
        const { companyId, global, company } = await freshNamespace(stored);
        const sqlGlobal = globalNameStore();
        const sqlCompany = companyNameStore(companyId);
        const globalForms = asked.map((n) => usernameForms(n, 'global'));
        const companyForms = asked.map((n) => usernameForms(n, 'company'));
        for (const forms of globalForms) expect(await sqlGlobal.find(forms)).toEqual(global.find(forms));
        for (const forms of companyForms) expect(await sqlCompany.find(forms)).toEqual(company.find(forms));
        expect([...(await sqlGlobal.free(globalForms))].sort()).toEqual([...global.free(globalForms)].sort());
        expect([...(await sqlCompany.free(companyForms))].sort()).toEqual([...company.free(companyForms)].sort());
        // The bulk check's one statement for many names answers as `find` does for each.
        const inUse = await companyNameSetStore(companyId).inUse(companyForms);
        expect([...inUse.canonicals].sort()).toEqual([...new Set(companyForms.filter((f) => company.find(f).canonicalTaken).map((f) => f.canonical))].sort());
        expect(inUse.keys.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('call a name taken when its canonical form is stored and similar when only its key is', async () => {
    await freshNamespace(['rn_o']);
    const store = globalNameStore();
    expect(await store.find(usernameForms('RN_O', 'global'))).toEqual({ canonicalTaken: true, similarTaken: true });
    expect(await store.find(usernameForms('m_0', 'global'))).toEqual({ canonicalTaken: false, similarTaken: true });
    expect(await store.free([usernameForms('m_0', 'global'), usernameForms('m_2', 'global')])).toEqual(new Set(['m_2']));
  });
});
