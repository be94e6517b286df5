import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

// The SQLite stores must answer exactly as the in-memory store the policy's tests use: same
// `find`, same `free`, for names full of look-alikes. A real database for this file.
process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'namecheck-store-')), 'store.db')}`;

const { migrateDatabase } = await import('@/db/migrate');
const { getConnection } = await import('@/db/client');
const { globalNameStore, companyNameStore, companyNameSetStore } = await import('@/db/queries/names');
const { createMemoryNameStore } = await import('@/lib/usernames/memory-store');
const { usernameForms } = await import('@/lib/usernames');

// Letters that fold, width variants and confusables, so that candidates often collide.
const LETTERS = ['a', 'A', 'а', 'o', '0', 'O', 'l', '1', 'I', 'i', 'r', 'n', 'm', 'ｍ', 'e', 'е', '_', '.'];
const name = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));

let nextCompany = 1;

beforeAll(() => {
  migrateDatabase();
});

function freshNamespace(stored: readonly string[]) {
  const { sqlite } = getConnection();
  const companyId = nextCompany++;
  sqlite.prepare('INSERT INTO companies (id, name, slug) VALUES (?, ?, ?)').run(companyId, `c${companyId}`, `c${companyId}`);
  sqlite.prepare('DELETE FROM users').run();
  const global = createMemoryNameStore('global');
  const company = createMemoryNameStore('company');
  const addUser = sqlite.prepare('INSERT INTO users (username, username_canonical, similarity_key) VALUES (?, ?, ?)');
  const addMember = sqlite.prepare(
    `INSERT INTO memberships (company_id, user_id, company_username, company_username_canonical) VALUES (?, ?, ?, ?)`,
  );
  const addBare = sqlite.prepare('INSERT INTO users (username) VALUES (NULL) RETURNING id');
  for (const n of stored) {
    const g = usernameForms(n, 'global');
    if (global.find(g).canonicalTaken || global.find(g).similarTaken) continue; // the database refuses look-alikes
    addUser.run(n, g.canonical, g.key);
    global.add(n);
    const c = usernameForms(n, 'company');
    if (company.find(c).canonicalTaken) continue;
    const bare = addBare.get() as { id: number };
    addMember.run(companyId, bare.id, n, c.canonical);
    company.add(n);
  }
  return { companyId, global, company };
}

describe('the SQLite name stores', () => {
  it('find and free exactly as the in-memory store does', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 12 }), fc.array(name, { minLength: 1, maxLength: 10 }), (stored, asked) => {
        const { companyId, global, company } = freshNamespace(stored);
        const sqlGlobal = globalNameStore();
        const sqlCompany = companyNameStore(companyId);
        const globalForms = asked.map((n) => usernameForms(n, 'global'));
        const companyForms = asked.map((n) => usernameForms(n, 'company'));
        for (const forms of globalForms) expect(sqlGlobal.find(forms)).toEqual(global.find(forms));
        for (const forms of companyForms) expect(sqlCompany.find(forms)).toEqual(company.find(forms));
        expect([...sqlGlobal.free(globalForms)].sort()).toEqual([...global.free(globalForms)].sort());
        expect([...sqlCompany.free(companyForms)].sort()).toEqual([...company.free(companyForms)].sort());
        // The bulk check's one statement for many names answers as `find` does for each.
        const inUse = companyNameSetStore(companyId).inUse(companyForms);
        expect([...inUse.canonicals].sort()).toEqual([...new Set(companyForms.filter((f) => company.find(f).canonicalTaken).map((f) => f.canonical))].sort());
        expect(inUse.keys.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('call a name taken when its canonical form is stored and similar when only its key is', () => {
    freshNamespace(['rn_o']);
    const store = globalNameStore();
    expect(store.find(usernameForms('RN_O', 'global'))).toEqual({ canonicalTaken: true, similarTaken: true });
    expect(store.find(usernameForms('m_0', 'global'))).toEqual({ canonicalTaken: false, similarTaken: true });
    expect(store.free([usernameForms('m_0', 'global'), usernameForms('m_2', 'global')])).toEqual(new Set(['m_2']));
  });
});
