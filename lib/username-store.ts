import type { Statement } from 'better-sqlite3';
import { getConnection, whileUnchanged, type Sqlite } from '@/db/client';
import type { NameStore, ReservedRule, StoredForms } from '@/lib/usernames';

// The policy's view of names in use, over SQLite with prepared statements: one indexed lookup per
// question, one batched query for suggestions. Names are never cached; the admin rules are kept only
// until the next write by any connection (db/client.ts whileUnchanged), so a change by another
// process (the CLI, another server) counts on the next check.

interface Statements {
  globalFind: Statement<[string, string], { c: number | null; s: number }>;
  companyFind: Statement<[number, string], { c: number | null }>;
  reserved: Statement<[], ReservedRule>;
  globalFree: Map<number, Statement<string[], { similarity_key: string }>>;
  companyFree: Map<number, Statement<(string | number)[], { company_username_canonical: string }>>;
}

const cache = new WeakMap<Sqlite, Statements>();

function statements(sqlite: Sqlite): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      // Key first: a stored name's key is its canonical form's key, so a free key means a free
      // canonical form too, and the canonical index is probed only when the key is in use.
      globalFind: sqlite.prepare(
        `SELECT k.s AS s, CASE WHEN k.s THEN (SELECT 1 FROM users WHERE username_canonical = ?) ELSE 0 END AS c
         FROM (SELECT EXISTS (SELECT 1 FROM users WHERE similarity_key = ?) AS s) AS k`,
      ),
      companyFind: sqlite.prepare(
        'SELECT (SELECT 1 FROM memberships WHERE company_id = ? AND company_username_canonical = ?) AS c',
      ),
      reserved: sqlite.prepare('SELECT kind, key FROM reserved_rules'),
      globalFree: new Map(),
      companyFree: new Map(),
    };
    cache.set(sqlite, s);
  }
  return s;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export function globalNameStore(sqlite: Sqlite = getConnection().sqlite): NameStore {
  const s = statements(sqlite);
  return {
    find({ canonical, key }: StoredForms) {
      const row = s.globalFind.get(canonical, key ?? canonical);
      return { canonicalTaken: row?.c === 1, similarTaken: row?.s === 1 };
    },
    free(candidates: readonly StoredForms[]) {
      if (candidates.length === 0) return new Set();
      // By similarity key alone: every row's key is its canonical form's key, so a candidate whose
      // canonical form is taken has its key taken too. One index probe per candidate, not two.
      let stmt = s.globalFree.get(candidates.length);
      if (!stmt) {
        stmt = sqlite.prepare(`SELECT similarity_key FROM users WHERE similarity_key IN (${placeholders(candidates.length)})`);
        s.globalFree.set(candidates.length, stmt);
      }
      const keys = candidates.map((c) => c.key ?? c.canonical);
      const used = stmt.all(...keys);
      const free = new Set<string>();
      for (let i = 0; i < candidates.length; i++) {
        if (!used.some((row) => row.similarity_key === keys[i])) free.add(candidates[i]!.canonical);
      }
      return free;
    },
    reservedRules() {
      // Read on every global check: kept until the next write to the database (whileUnchanged).
      return whileUnchanged('reserved-rules', '', () => Object.freeze(s.reserved.all().map((rule) => Object.freeze(rule))), sqlite);
    },
  };
}

export function companyNameStore(companyId: number, sqlite: Sqlite = getConnection().sqlite): NameStore {
  const s = statements(sqlite);
  return {
    find({ canonical }: StoredForms) {
      const taken = s.companyFind.get(companyId, canonical)?.c === 1;
      return { canonicalTaken: taken, similarTaken: false };
    },
    free(candidates: readonly StoredForms[]) {
      if (candidates.length === 0) return new Set();
      let stmt = s.companyFree.get(candidates.length);
      if (!stmt) {
        stmt = sqlite.prepare(
          `SELECT company_username_canonical FROM memberships
           WHERE company_id = ? AND company_username_canonical IN (${placeholders(candidates.length)})`,
        );
        s.companyFree.set(candidates.length, stmt);
      }
      const used = new Set(stmt.all(companyId, ...candidates.map((c) => c.canonical)).map((r) => r.company_username_canonical));
      return new Set(candidates.filter((c) => !used.has(c.canonical)).map((c) => c.canonical));
    },
    reservedRules() {
      return [];
    },
  };
}
