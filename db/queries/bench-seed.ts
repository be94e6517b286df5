// The benchmarks' bulk seed: a million rows in one transaction with two prepared statements, not a
// million Drizzle inserts (docs/decisions: raw SQL beside Drizzle).
import { getConnection } from '@/db/client';
import { writeTransaction } from '@/db/transactions';

export interface BenchUserRow {
  username: string;
  usernameCanonical: string;
  similarityKey: string;
  companyUsername: string;
  companyUsernameCanonical: string;
}

/**
 * Inserts each user (skipping names that exist) and makes each new one a member of `companyId` with
 * its company username, all in one transaction. Returns how many rows were offered.
 */
export function insertBenchUsers(companyId: number, rows: Iterable<BenchUserRow>): number {
  const connection = getConnection();
  const insertUser = connection.sqlite.prepare<[string, string, string], { id: number }>(
    'INSERT INTO users (username, username_canonical, similarity_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id',
  );
  const insertMember = connection.sqlite.prepare(
    `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical)
     VALUES (?, ?, 'member', ?, ?) ON CONFLICT DO NOTHING`,
  );
  let offered = 0;
  writeTransaction(() => {
    for (const row of rows) {
      offered++;
      const inserted = insertUser.get(row.username, row.usernameCanonical, row.similarityKey);
      if (inserted) insertMember.run(companyId, inserted.id, row.companyUsername, row.companyUsernameCanonical);
    }
  }, connection);
  return offered;
}
