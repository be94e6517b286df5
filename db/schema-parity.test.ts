// The two schemas, db/schema.ts (SQLite) and db/schema.pg.ts (PostgreSQL), describe one database:
// the same tables under the same export names, the same columns (name, nullability, the JavaScript
// type a row holds, enum values, defaults), the same primary keys, indexes (name, unique or not,
// columns), foreign keys (columns, target, on delete / on update) and checks (name and condition).
// Everything here is read from Drizzle's table config, not from a list kept by hand, so a table or
// column added to one schema only fails this test.
import { is, SQL, type Column } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from './schema.pg';
import * as sqliteSchema from './schema';

interface ColumnShape {
  notNull: boolean;
  /** Drizzle's data type: the JavaScript value a row holds (number, string, boolean, date, json). */
  dataType: string;
  enumValues: string[] | null;
  /** 'generated' for an id the database hands out (AUTOINCREMENT, identity), else what the default is. */
  default: 'generated' | 'sql' | 'none' | { value: unknown };
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: Record<string, { unique: boolean; columns: string[] }>;
  uniqueConstraints: Record<string, string[]>;
  foreignKeys: Record<string, { columns: string[]; table: string; foreignColumns: string[]; onDelete: string; onUpdate: string }>;
  checks: Record<string, string>;
}

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

const names = (columns: readonly unknown[]): string[] =>
  columns.map((c) => {
    if (c && typeof c === 'object' && 'name' in c && typeof c.name === 'string') return c.name;
    throw new Error(`an index on an expression (${String(c)}): uniqueness must be decided on stored columns`);
  });

function columnShape(column: Column, generated: boolean): ColumnShape {
  let dflt: ColumnShape['default'] = 'none';
  if (generated) dflt = 'generated';
  else if (column.default !== undefined) dflt = is(column.default, SQL) ? 'sql' : { value: column.default };
  else if (column.defaultFn || column.hasDefault) dflt = 'sql';
  return { notNull: column.notNull, dataType: column.dataType, enumValues: column.enumValues ? [...column.enumValues] : null, default: dflt };
}

// A check's condition rendered by its own dialect: both quote identifiers alike ("table"."column"),
// so the same condition gives the same text.
function checkText(value: SQL, dialect: SQLiteSyncDialect | PgDialect): string {
  return dialect.sqlToQuery(value).sql.replace(/\s+/g, ' ').trim();
}

function shape(config: Config, generatedId: (column: Column) => boolean, dialect: SQLiteSyncDialect | PgDialect, tableName: (t: unknown) => string): TableShape {
  const columns: TableShape['columns'] = {};
  for (const column of config.columns) columns[column.name] = columnShape(column, generatedId(column));
  const primaryKey = [
    ...config.columns.filter((c) => c.primary).map((c) => c.name),
    ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
  ];
  const indexes: TableShape['indexes'] = {};
  for (const index of config.indexes) {
    const { name, unique, columns: on } = index.config;
    if (!name) throw new Error(`${config.name}: an index without a name`);
    indexes[name] = { unique, columns: names(on) };
  }
  const uniqueConstraints: TableShape['uniqueConstraints'] = {};
  for (const u of config.uniqueConstraints) uniqueConstraints[u.getName() ?? '?'] = u.columns.map((c) => c.name);
  const foreignKeys: TableShape['foreignKeys'] = {};
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const cols = ref.columns.map((c) => c.name);
    foreignKeys[cols.join(',')] = {
      columns: cols,
      table: tableName(ref.foreignTable),
      foreignColumns: ref.foreignColumns.map((c) => c.name),
      onDelete: fk.onDelete ?? 'no action',
      onUpdate: fk.onUpdate ?? 'no action',
    };
  }
  const checks: TableShape['checks'] = {};
  for (const c of config.checks) checks[c.name] = checkText(c.value, dialect);
  return { columns, primaryKey, indexes, uniqueConstraints, foreignKeys, checks };
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

function sqliteTables(): Record<string, TableShape & { name: string }> {
  const out: Record<string, TableShape & { name: string }> = {};
  for (const [key, value] of Object.entries(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = sqliteConfig(value);
    const generated = (c: Column) => c.primary && 'autoIncrement' in c && c.autoIncrement === true;
    out[key] = { name: config.name, ...shape(config, generated, sqliteDialect, (t) => sqliteConfig(t as SQLiteTable).name) };
  }
  return out;
}

function pgTables(): Record<string, TableShape & { name: string }> {
  const out: Record<string, TableShape & { name: string }> = {};
  for (const [key, value] of Object.entries(pgSchema)) {
    if (!is(value, PgTable)) continue;
    const config = pgConfig(value);
    const generated = (c: Column) => c.generatedIdentity !== undefined;
    out[key] = { name: config.name, ...shape(config, generated, pgDialect, (t) => pgConfig(t as PgTable).name) };
  }
  return out;
}

// The same row types on both engines, checked by tsc (`npx tsc --noEmit`): a column whose JavaScript
// type differs (a bigint read as string, a time read as number) stops the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Rows<S> = { [K in keyof S]: S[K] extends { $inferSelect: infer R } ? R : never };
type SameRows = { [K in keyof Rows<typeof sqliteSchema> & keyof Rows<typeof pgSchema>]: Same<Rows<typeof sqliteSchema>[K], Rows<typeof pgSchema>[K]> };
const sameRows: { [K in keyof SameRows]: true } = {
  users: true,
  companies: true,
  memberships: true,
  apiTokens: true,
  auditLog: true,
  reservedRules: true,
  setupTokens: true,
  invitations: true,
  accountTokens: true,
  companyUsernameRules: true,
  companyReservedNames: true,
  companyBranding: true,
  globalNames: true,
  companyNameHolds: true,
} satisfies SameRows;

const sqlite = sqliteTables();
const postgres = pgTables();

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables under the same export names', () => {
    expect(Object.keys(sqlite).length).toBeGreaterThan(0);
    expect(Object.fromEntries(Object.entries(postgres).map(([k, t]) => [k, t.name]))).toEqual(
      Object.fromEntries(Object.entries(sqlite).map(([k, t]) => [k, t.name])),
    );
    expect(Object.keys(sameRows).sort()).toEqual(Object.keys(sqlite).sort());
  });

  describe.each(Object.keys(sqlite))('%s', (key) => {
    const s = sqlite[key]!;
    const p = postgres[key];
    it('has the same columns: names, nullability, JavaScript types, enum values and defaults', () => {
      expect(p?.columns).toEqual(s.columns);
    });
    it('has the same primary key', () => {
      expect(p?.primaryKey).toEqual(s.primaryKey);
    });
    it('has the same indexes (name, unique, columns) and unique constraints', () => {
      expect(p?.indexes).toEqual(s.indexes);
      expect(p?.uniqueConstraints).toEqual(s.uniqueConstraints);
    });
    it('has the same foreign keys (columns, target, on delete, on update)', () => {
      expect(p?.foreignKeys).toEqual(s.foreignKeys);
    });
    it('has the same checks, by name and condition', () => {
      expect(p?.checks).toEqual(s.checks);
    });
  });

  it('decides uniqueness on the stored canonical form, similarity key and address, never on an expression', () => {
    for (const t of [sqlite.users!, postgres.users!]) {
      expect(t.indexes.users_username_canonical_unique).toEqual({ unique: true, columns: ['username_canonical'] });
      expect(t.indexes.users_similarity_key_unique).toEqual({ unique: true, columns: ['similarity_key'] });
      expect(t.indexes.users_email_canonical_unique).toEqual({ unique: true, columns: ['email_canonical'] });
    }
  });
});
