// The benchmarks' bulk seed: a million rows, never a million Drizzle inserts (docs/decisions: raw SQL
// beside Drizzle). SQLite: one transaction with three prepared statements. PostgreSQL: batches of
// 10,000 rows, each two statements over arrays (`INSERT … SELECT FROM unnest($1::text[], …)`), one
// transaction per batch, so that a million rows are 200 statements.
import { currentSqlite, getConnection, postgresRows } from '@/db/client';
import { writeTransaction } from '@/db/transactions';

export interface BenchUserRow {
  username: string;
  usernameCanonical: string;
  similarityKey: string;
  companyUsername: string;
  companyUsernameCanonical: string;
}

const BATCH = 10_000;

// Each new user's name in global_names too (db/schema.ts), in the same statement.
const PG_USERS = `WITH u AS (
    INSERT INTO users (username, username_canonical, similarity_key)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
    ON CONFLICT DO NOTHING RETURNING id, username, username_canonical, similarity_key),
  g AS (
    INSERT INTO global_names (username, username_canonical, similarity_key, user_id)
    SELECT username, username_canonical, similarity_key, id FROM u ON CONFLICT DO NOTHING)
  SELECT id, username_canonical AS c FROM u`;
const PG_MEMBERS = `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical)
  SELECT $1, u, 'member', n, c FROM unnest($2::bigint[], $3::text[], $4::text[]) AS m(u, n, c)
  ON CONFLICT DO NOTHING`;

/**
 * Inserts each user (skipping names that exist) and makes each new one a member of `companyId` with
 * its company username. Returns how many rows were offered.
 */
export async function insertBenchUsers(companyId: number, rows: Iterable<BenchUserRow>): Promise<number> {
  const connection = getConnection();
  let offered = 0;
  if (connection.engine === 'sqlite') {
    await writeTransaction(() => {
      const sqlite = currentSqlite(connection);
      const insertUser = sqlite.prepare<[string, string, string], { id: number }>(
        'INSERT INTO users (username, username_canonical, similarity_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id',
      );
      const insertName = sqlite.prepare(
        'INSERT INTO global_names (username, username_canonical, similarity_key, user_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      const insertMember = sqlite.prepare(
        `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical)
         VALUES (?, ?, 'member', ?, ?) ON CONFLICT DO NOTHING`,
      );
      for (const row of rows) {
        offered++;
        const inserted = insertUser.get(row.username, row.usernameCanonical, row.similarityKey);
        if (!inserted) continue;
        insertName.run(row.username, row.usernameCanonical, row.similarityKey, inserted.id);
        insertMember.run(companyId, inserted.id, row.companyUsername, row.companyUsernameCanonical);
      }
    });
    return offered;
  }
  let batch: BenchUserRow[] = [];
  const flush = async () => {
    const rowsOfBatch = batch;
    batch = [];
    await writeTransaction(async () => {
      const inserted = await postgresRows<{ id: string | number; c: string }>(connection, 'bench-users', PG_USERS, [
        rowsOfBatch.map((r) => r.username),
        rowsOfBatch.map((r) => r.usernameCanonical),
        rowsOfBatch.map((r) => r.similarityKey),
      ]);
      const byCanonical = new Map(rowsOfBatch.map((r) => [r.usernameCanonical, r]));
      const members = inserted.map((u) => ({ id: u.id, row: byCanonical.get(u.c)! }));
      await postgresRows(connection, 'bench-members', PG_MEMBERS, [
        companyId,
        members.map((m) => m.id),
        members.map((m) => m.row.companyUsername),
        members.map((m) => m.row.companyUsernameCanonical),
      ]);
    });
  };
  // One batch in flight while the next is computed (the names' forms cost as much as the inserts).
  let inFlight: Promise<void> = Promise.resolve();
  for (const row of rows) {
    offered++;
    batch.push(row);
    if (batch.length === BATCH) {
      await inFlight;
      inFlight = flush();
    }
  }
  await inFlight;
  if (batch.length > 0) await flush();
  return offered;
}
