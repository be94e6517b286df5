// The tables of the engine this process runs on, under one set of names: db/schema.ts's on SQLite,
// db/schema.pg.ts's on PostgreSQL. db/queries/ imports its tables from here, so one query serves both
// engines (the Drizzle builder renders each dialect's SQL and maps each column's values, a Date to
// integer milliseconds on SQLite and to timestamptz on PostgreSQL). Chosen once, when this module is
// first imported, from DATABASE_URL: a process serves one engine (tests of the other engine run in
// processes of their own, see vitest.config.ts). Typed as the SQLite tables; the parity test
// (db/schema-parity.test.ts) proves both schemas have the same tables, columns and JavaScript names.
import { DatabaseUrlError, databaseEngine, registerTablesEngine, type Engine } from './client';
import * as sqliteSchema from './schema';
import * as pgSchema from './schema.pg';

/** The engine whose tables these are. getConnection() refuses to open another. */
export const TABLES_ENGINE: Engine = (() => {
  try {
    return databaseEngine();
  } catch (error) {
    // A DATABASE_URL that namecheck does not serve: the start (or the CLI) says so when it opens the
    // connection; importing this module must not be where it fails, without the reason.
    if (error instanceof DatabaseUrlError) return 'sqlite';
    throw error;
  }
})();
registerTablesEngine(TABLES_ENGINE);

const chosen = (TABLES_ENGINE === 'postgres' ? pgSchema : sqliteSchema) as unknown as typeof sqliteSchema;

export const {
  users,
  companies,
  memberships,
  apiTokens,
  auditLog,
  reservedRules,
  setupTokens,
  invitations,
  accountTokens,
  companyUsernameRules,
  companyReservedNames,
  companyBranding,
  globalNames,
  companyNameHolds,
} = chosen;
