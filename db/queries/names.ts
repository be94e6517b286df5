import type { Statement } from 'better-sqlite3';
import { currentSqlite, getConnection, postgresRows, type PostgresConnection, type Sqlite, type SqliteConnection } from '@/db/client';

/** A name's stored forms: the canonical form, and its similarity key (null for company names). */
export interface NameForms {
  canonical: string;
  key: string | null;
}

type ReservedRuleRow = { kind: 'exact' | 'prefix'; key: string };

/** A name given up and held: until when, for whom (structurally lib/usernames' Hold). */
export interface HoldRow {
  until: Date;
  forUserId: number | null;
}

export interface NameMatchRow {
  canonicalTaken: boolean;
  similarTaken: boolean;
  hold: HoldRow | null;
}

/** What the policy asks of the names in use (structurally lib/usernames' NameStore). */
export interface NameLookups {
  find(forms: NameForms, likelyFree?: () => readonly NameForms[]): Promise<NameMatchRow>;
  free(candidates: readonly NameForms[]): Promise<Set<string>>;
  reservedRules(): Promise<ReservedRuleRow[]>;
}

/** What a check of many names asks (structurally lib/usernames' NameSetStore): one query for any number. */
export interface NameSetLookups {
  inUse(forms: readonly NameForms[]): Promise<{ canonicals: Set<string>; keys: Set<string>; holds: Map<string, HoldRow> }>;
  reservedRules(): Promise<ReservedRuleRow[]>;
}

// The policy's view of names in use or held: one indexed lookup per question. Global names are the
// rows of global_names (live and held under one pair of unique indexes); company names are the
// memberships' and, held, company_name_holds'. A hold whose time is up (`held_until <= now`, `now`
// given by the caller: the lifecycle's clock) is not there. Nothing is cached, so a change by another
// process (the CLI, another instance) counts on the next check. Each engine has its own
// statements (docs/decisions/005: raw SQL beside Drizzle), chosen by the connection.
//
// SQLite: every statement is a plain probe of one index (`… WHERE <indexed> = ?`), one per probe: SQLite
// runs that in about half the time of a scalar subquery, a CASE over two subqueries or an `IN (…)`
// list with the same probes (measured at 1M names: global find 0.65 µs as two plain statements
// against 1.5 µs as one CASE statement; three suggestion probes 1.85 µs against 2.76 µs as `IN (?, ?, ?)`).
// PostgreSQL: every question is one statement, whatever the number of probes (a round trip costs far
// more than a probe): the row of a key, a membership's EXISTS beside its company's hold, and arrays
// (`unnest($1::text[])`) for many names.

type ClaimRow = { canonical: string; user_id: number | null; held_until: number | null };
type CompanyHoldRow = { user_id: number | null; held_until: number };

interface Statements {
  byKey: Statement<[string, number], ClaimRow>;
  keyUsed: Statement<[string, number], number>;
  inCompany: Statement<[number, string], number>;
  companyHold: Statement<[number, string, number], CompanyHoldRow>;
  inCompanyOfMany: Statement<[{ names: string; company: number; now: number }], { c: string; live: number; user_id: number | null; held_until: number | null }>;
  reserved: Statement<[], ReservedRuleRow>;
}

const cache = new WeakMap<Sqlite, Statements>();

function statements(sqlite: Sqlite): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      byKey: sqlite.prepare<[string, number], ClaimRow>(
        'SELECT username_canonical AS canonical, user_id, held_until FROM global_names WHERE similarity_key = ? AND (held_until IS NULL OR held_until > ?)',
      ),
      keyUsed: sqlite
        .prepare<[string, number], number>('SELECT 1 FROM global_names WHERE similarity_key = ? AND (held_until IS NULL OR held_until > ?)')
        .pluck(),
      inCompany: sqlite
        .prepare<[number, string], number>('SELECT 1 FROM memberships WHERE company_id = ? AND company_username_canonical = ?')
        .pluck(),
      companyHold: sqlite.prepare<[number, string, number], CompanyHoldRow>(
        'SELECT user_id, held_until FROM company_name_holds WHERE company_id = ? AND company_username_canonical = ? AND held_until > ?',
      ),
      // One statement for any number of names: a JSON array in one parameter (no parameter limit),
      // each of its values probed on the (company_id, company_username_canonical) unique index, and
      // on the holds' primary key, as two joins in one statement (the rows of the first say live).
      // CROSS JOIN keeps json_each outside: SQLite would otherwise walk the company's whole index
      // and scan the array for each entry. As joins, not `IN (SELECT value FROM json_each(?))` (the
      // IN list is first copied into a temporary index: three times as long for the same 1000
      // probes) nor an EXISTS per value beside a LEFT JOIN of the holds (a third longer).
      inCompanyOfMany: sqlite.prepare(
        `SELECT m.company_username_canonical AS c, 1 AS live, NULL AS user_id, NULL AS held_until
           FROM json_each(@names) AS j CROSS JOIN memberships AS m ON m.company_id = @company AND m.company_username_canonical = j.value
         UNION ALL
         SELECT h.company_username_canonical, 0, h.user_id, h.held_until
           FROM json_each(@names) AS j CROSS JOIN company_name_holds AS h
             ON h.company_id = @company AND h.company_username_canonical = j.value AND h.held_until > @now`,
      ),
      reserved: sqlite.prepare('SELECT kind, key FROM reserved_rules'),
    };
    cache.set(sqlite, s);
  }
  return s;
}

const NOT_EXPIRED = '(held_until IS NULL OR held_until > $2)';

/**
 * PostgreSQL: no row of `table` where `condition`, for each value of an unnested array. A correlated
 * scalar subquery, not NOT EXISTS: the planner turns NOT EXISTS over an array into a hash anti-join
 * that reads the whole table whenever the table looks small (at 1k names a check's statement took
 * 0.18 ms so, 0.02 ms as index probes), and a plan made while the table was small is kept.
 */
function noRow(table: string, condition: string): string {
  return `(SELECT 1 FROM ${table} WHERE ${condition} LIMIT 1) IS NULL`;
}

/** PostgreSQL: the condition that company `company`'s name `canonical` is neither a member's nor held at `now` (SQL expressions). */
export function companyNameFree(company: string, canonical: string, now: string): string {
  return `${noRow('memberships', `company_id = ${company} AND company_username_canonical = ${canonical}`)}
    AND ${noRow('company_name_holds', `company_id = ${company} AND company_username_canonical = ${canonical} AND held_until > ${now}`)}`;
}
// Shared by the statements below: a key's row of global_names ($1 the key, $2 now); whether a key
// `k` of an unnested array is free; a company's ($1) name ($2) as a member's and as held at $3.
const ROW_OF_KEY = `FROM global_names WHERE similarity_key = $1 AND ${NOT_EXPIRED}`;
const KEY_FREE = noRow('global_names', `similarity_key = k AND ${NOT_EXPIRED}`);
const NAME_IN_COMPANY = `EXISTS (SELECT 1 FROM memberships WHERE company_id = $1 AND company_username_canonical = $2) AS taken, h.user_id, h.held_until
    FROM (SELECT 1) AS one LEFT JOIN company_name_holds AS h ON h.company_id = $1 AND h.company_username_canonical = $2 AND h.held_until > $3`;

const PG = {
  find: `SELECT username_canonical AS canonical, user_id, held_until ${ROW_OF_KEY}`,
  // A global check's questions in one round trip: the name's row, the admin rules, and which of the
  // likely suggestions ($3) are free. `what` tells the rows apart.
  check: `SELECT 'name' AS what, username_canonical AS a, NULL::text AS b, user_id, held_until ${ROW_OF_KEY}
    UNION ALL SELECT 'rule', kind, key, NULL, NULL FROM reserved_rules
    UNION ALL SELECT 'free', k, NULL, NULL, NULL FROM unnest($3::text[]) AS k WHERE ${KEY_FREE}`,
  freeKeys: `SELECT k FROM unnest($1::text[]) AS k WHERE ${KEY_FREE}`,
  reserved: 'SELECT kind, key FROM reserved_rules',
  inCompany: `SELECT ${NAME_IN_COMPANY}`,
  companyFree: `SELECT c FROM unnest($2::text[]) AS c WHERE ${companyNameFree('$1', 'c', '$3')}`,
  // inCompany and companyFree (of the likely suggestions, $4) in one round trip; `c` is null on the name's row.
  companyCheck: `SELECT NULL::text AS c, ${NAME_IN_COMPANY}
    UNION ALL SELECT c, NULL, NULL, NULL FROM unnest($4::text[]) AS c WHERE ${companyNameFree('$1', 'c', '$3')}`,
  companyInUse: `SELECT c, live, h.user_id, h.held_until FROM (
      SELECT c, EXISTS (SELECT 1 FROM memberships WHERE company_id = $1 AND company_username_canonical = c) AS live FROM unnest($2::text[]) AS c) AS probe
    LEFT JOIN company_name_holds AS h ON h.company_id = $1 AND h.company_username_canonical = probe.c AND h.held_until > $3
    WHERE live OR h.held_until IS NOT NULL`,
};

/**
 * What a check's first statement learnt of its likely suggestions (NameStore.find's `likelyFree`):
 * which were asked and which are free, by key (global) or canonical form (company). It answers `free`
 * for one store, one check, and only when every candidate asked about was among them.
 */
export class LikelyFree {
  constructor(
    private readonly asked: ReadonlySet<string>,
    private readonly free: ReadonlySet<string>,
  ) {}

  /** The free ones of `ids`, or null when one of them was not asked. */
  freeOf(ids: readonly string[]): Set<string> | null {
    return ids.every((id) => this.asked.has(id)) ? new Set(ids.filter((id) => this.free.has(id))) : null;
  }
}

export const holdOf = (row: { user_id: number | string | null; held_until: number | Date | null } | undefined): HoldRow | null =>
  row && row.held_until !== null ? { until: new Date(row.held_until), forUserId: row.user_id === null ? null : Number(row.user_id) } : null;

function sqliteGlobal(connection: SqliteConnection, now: number): NameLookups {
  const s = () => statements(currentSqlite(connection));
  return {
    async find({ canonical, key }: NameForms) {
      // By similarity key alone: one row at most holds a key (unique index), and a stored name's key
      // is its canonical form's key, so the row found tells both answers.
      const row = s().byKey.get(key ?? canonical, now);
      return { canonicalTaken: row?.canonical === canonical, similarTaken: row !== undefined, hold: holdOf(row) };
    },
    async free(candidates: readonly NameForms[]) {
      // By similarity key alone, one index probe per candidate (a taken canonical form has its key taken too).
      const free = new Set<string>();
      const { keyUsed } = s();
      for (const candidate of candidates) {
        if (keyUsed.get(candidate.key ?? candidate.canonical, now) === undefined) free.add(candidate.canonical);
      }
      return free;
    },
    async reservedRules() {
      // Read on every global check: for a handful of admin rules one statement costs less than a cache.
      return s().reserved.all();
    },
  };
}

function pgGlobal(connection: PostgresConnection, now: Date): NameLookups {
  // What `find` learnt beside the name (the admin rules, its likely suggestions), for this store's
  // later questions: one check's, never another's.
  let rules: ReservedRuleRow[] | null = null;
  let likely: LikelyFree | null = null;
  const keyOf = (forms: NameForms) => forms.key ?? forms.canonical;
  return {
    async find(forms: NameForms, likelyFree?: () => readonly NameForms[]) {
      const { canonical } = forms;
      if (!likelyFree) {
        const [row] = await postgresRows<ClaimRow>(connection, 'names-find', PG.find, [keyOf(forms), now]);
        return { canonicalTaken: row?.canonical === canonical, similarTaken: row !== undefined, hold: holdOf(row) };
      }
      const keys = likelyFree().map(keyOf);
      type Row = { what: 'name' | 'rule' | 'free'; a: string; b: string | null; user_id: number | null; held_until: Date | null };
      const rows = await postgresRows<Row>(connection, 'names-check', PG.check, [keyOf(forms), now, keys]);
      let claim: { canonical: string; user_id: number | null; held_until: Date | null } | undefined;
      rules = [];
      const freeKeys = new Set<string>();
      for (const row of rows) {
        if (row.what === 'name') claim = { canonical: row.a, user_id: row.user_id, held_until: row.held_until };
        else if (row.what === 'rule') rules.push({ kind: row.a as ReservedRuleRow['kind'], key: row.b! });
        else freeKeys.add(row.a);
      }
      likely = new LikelyFree(new Set(keys), freeKeys);
      return { canonicalTaken: claim?.canonical === canonical, similarTaken: claim !== undefined, hold: holdOf(claim) };
    },
    async free(candidates: readonly NameForms[]) {
      const keys = candidates.map(keyOf);
      const free =
        likely?.freeOf(keys) ?? new Set((await postgresRows<{ k: string }>(connection, 'names-free', PG.freeKeys, [keys, now])).map((r) => r.k));
      return new Set(candidates.filter((c) => free.has(keyOf(c))).map((c) => c.canonical));
    },
    async reservedRules() {
      return rules ?? postgresRows<ReservedRuleRow>(connection, 'names-reserved', PG.reserved, []);
    },
  };
}

/** The global names in use or held at `now` (the lifecycle's clock; a hold past it is free). */
export function globalNameStore(now: Date = new Date()): NameLookups {
  const connection = getConnection();
  return connection.engine === 'postgres' ? pgGlobal(connection, now) : sqliteGlobal(connection, now.getTime());
}

const noRules = async (): Promise<ReservedRuleRow[]> => [];

/** What was read of a company's name ahead of its check (db/queries/company-check.ts): its answer, and its likely suggestions. */
export interface CompanyNameRead {
  canonical: string;
  match: NameMatchRow;
  likely: LikelyFree;
}

function pgCompany(connection: PostgresConnection, companyId: number, now: Date, read?: CompanyNameRead): NameLookups {
  // As pgGlobal: what `find` learnt of the likely suggestions answers this store's `free`.
  let likely: LikelyFree | null = read?.likely ?? null;
  return {
    async find({ canonical }: NameForms, likelyFree?: () => readonly NameForms[]) {
      if (read && canonical === read.canonical) return read.match;
      type Row = { c: string | null; taken: boolean; user_id: number | null; held_until: Date | null };
      let row: Row | undefined;
      if (likelyFree) {
        const candidates = likelyFree().map((c) => c.canonical);
        const rows = await postgresRows<Row>(connection, 'names-company-check', PG.companyCheck, [companyId, canonical, now, candidates]);
        row = rows.find((r) => r.c === null);
        likely = new LikelyFree(new Set(candidates), new Set(rows.filter((r) => r.c !== null).map((r) => r.c!)));
      } else {
        [row] = await postgresRows<Row>(connection, 'names-in-company', PG.inCompany, [companyId, canonical, now]);
      }
      const hold = row!.taken ? null : holdOf(row);
      return { canonicalTaken: row!.taken || hold !== null, similarTaken: false, hold };
    },
    async free(candidates: readonly NameForms[]) {
      const canonicals = candidates.map((c) => c.canonical);
      const known = likely?.freeOf(canonicals);
      if (known) return known;
      const rows = await postgresRows<{ c: string }>(connection, 'names-company-free', PG.companyFree, [companyId, canonicals, now]);
      return new Set(rows.map((r) => r.c));
    },
    reservedRules: noRules,
  };
}

/** A PostgreSQL company store that answers from what was read ahead first (CompanyNameRead), and asks the database for anything else. */
export function companyNameStoreFrom(connection: PostgresConnection, companyId: number, now: Date, read: CompanyNameRead): NameLookups {
  return pgCompany(connection, companyId, now, read);
}

/** One company's names in use or held for it at `now`. */
export function companyNameStore(companyId: number, now: Date = new Date()): NameLookups {
  const connection = getConnection();
  if (connection.engine === 'postgres') return pgCompany(connection, companyId, now);
  const s = () => statements(currentSqlite(connection));
  const at = now.getTime();
  return {
    async find({ canonical }: NameForms) {
      const { inCompany, companyHold } = s();
      if (inCompany.get(companyId, canonical) !== undefined) return { canonicalTaken: true, similarTaken: false, hold: null };
      const hold = holdOf(companyHold.get(companyId, canonical, at));
      return { canonicalTaken: hold !== null, similarTaken: false, hold };
    },
    async free(candidates: readonly NameForms[]) {
      const free = new Set<string>();
      const { inCompany, companyHold } = s();
      for (const candidate of candidates) {
        if (inCompany.get(companyId, candidate.canonical) === undefined && companyHold.get(companyId, candidate.canonical, at) === undefined) {
          free.add(candidate.canonical);
        }
      }
      return free;
    },
    reservedRules: noRules,
  };
}

/**
 * One company's names in use or held for a check of many names (the bulk check): which of any
 * number of canonical forms its members hold or it holds, in one statement.
 */
export function companyNameSetStore(companyId: number, now: Date = new Date()): NameSetLookups {
  const connection = getConnection();
  return {
    async inUse(forms: readonly NameForms[]) {
      const canonicals = forms.map((f) => f.canonical);
      type Row = { c: string; live: number | boolean; user_id: number | null; held_until: number | Date | null };
      const rows: Row[] =
        connection.engine === 'postgres'
          ? await postgresRows<Row>(connection, 'names-company-in-use', PG.companyInUse, [companyId, canonicals, now])
          : statements(currentSqlite(connection)).inCompanyOfMany.all({ names: JSON.stringify(canonicals), company: companyId, now: now.getTime() });
      // A member's name is in use, not held, whatever hold of it may be left (as the single check says).
      const live = new Set(rows.filter((row) => row.live).map((row) => row.c));
      const holds = new Map<string, HoldRow>();
      for (const row of rows) {
        const hold = row.live || live.has(row.c) ? null : holdOf(row);
        if (hold) holds.set(row.c, hold);
      }
      return { canonicals: new Set(rows.map((r) => r.c)), keys: new Set<string>(), holds };
    },
    reservedRules: noRules,
  };
}
