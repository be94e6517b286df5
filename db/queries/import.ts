import { getConnection, type Sqlite } from '@/db/client';

// What the CSV import of company usernames (lib/companies/import/) asks of the database and writes.
// The four questions are asked in bulk, four statements per file and never one per row: each takes
// one parameter holding a JSON array, so one query answers for any number of names, under SQLite's
// parameter limit (a preview of 100,000 rows stays well under 5 s; lib/companies/import/apply.test.ts).
// The writes run one row at a time inside the import's transaction (db/transactions.ts), where every
// statement on the connection is part of it. Statements are prepared once per connection.

function prepare(sqlite: Sqlite) {
  return {
    userIds: sqlite.prepare<[string], { id: number; c: string }>(
      'SELECT id, username_canonical AS c FROM users WHERE username_canonical IN (SELECT value FROM json_each(?))',
    ),
    holders: sqlite.prepare<[number, string], { userId: number; c: string }>(
      `SELECT user_id AS userId, company_username_canonical AS c FROM memberships
       WHERE company_id = ? AND company_username_canonical IN (SELECT value FROM json_each(?))`,
    ),
    memberships: sqlite.prepare<[number, string], { userId: number; name: string | null }>(
      `SELECT user_id AS userId, company_username AS name FROM memberships
       WHERE company_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
    ),
    invited: sqlite.prepare<[number, string], { userId: number }>(
      `SELECT user_id AS userId FROM invitations
       WHERE company_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
    ),
    invite: sqlite.prepare<[number, number, string, number | null, number]>(
      `INSERT INTO invitations (company_id, user_id, role, company_username, invited_by, created_at)
       VALUES (?, ?, 'member', ?, ?, ?)`,
    ),
    setCompanyUsername: sqlite.prepare<[string, string, number, number, number]>(
      'UPDATE memberships SET company_username = ?, company_username_canonical = ?, updated_at = ? WHERE company_id = ? AND user_id = ?',
    ),
    addMember: sqlite.prepare<[number, number, string, string, number, number]>(
      `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical, created_at, updated_at)
       VALUES (?, ?, 'member', ?, ?, ?, ?)`,
    ),
    newUser: sqlite.prepare<[number, number], { id: number }>(
      'INSERT INTO users (username, created_at, updated_at) VALUES (NULL, ?, ?) RETURNING id',
    ),
    setupToken: sqlite.prepare<[string, number, number, number]>(
      'INSERT INTO setup_tokens (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)',
    ),
  };
}

const cache = new WeakMap<Sqlite, ReturnType<typeof prepare>>();

function statements(): ReturnType<typeof prepare> {
  const { sqlite } = getConnection();
  let s = cache.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    cache.set(sqlite, s);
  }
  return s;
}

/** Global canonical username → user id, for those of `canonicals` that belong to a user. */
export function findUserIdsByCanonical(canonicals: readonly string[]): Map<string, number> {
  return new Map(statements().userIds.all(JSON.stringify(canonicals)).map((r) => [r.c, r.id]));
}

/** Company username canonical → the member of `companyId` who holds it, for those of `canonicals` held. */
export function findCompanyUsernameHolders(companyId: number, canonicals: readonly string[]): Map<string, number> {
  return new Map(statements().holders.all(companyId, JSON.stringify(canonicals)).map((r) => [r.c, r.userId]));
}

/** User id → their company username in `companyId` (null: a member without one), for those of `userIds` who are members. */
export function findCompanyUsernamesOfMembers(companyId: number, userIds: readonly number[]): Map<number, string | null> {
  return new Map(statements().memberships.all(companyId, JSON.stringify(userIds)).map((r) => [r.userId, r.name]));
}

/** The user ids, of `userIds`, with a pending invitation to `companyId`. */
export function findInvitedUserIds(companyId: number, userIds: readonly number[]): Set<number> {
  return new Set(statements().invited.all(companyId, JSON.stringify(userIds)).map((r) => r.userId));
}

/** An invitation of `userId` to join `companyId` as a member, offering a company username. */
export function insertMemberInvitation(row: { companyId: number; userId: number; companyUsername: string; invitedBy: number | null; now: number }): void {
  statements().invite.run(row.companyId, row.userId, row.companyUsername, row.invitedBy, row.now);
}

/** A person's company username in a company (its display and canonical forms), written at `now`. */
export interface MemberCompanyUsername {
  companyId: number;
  userId: number;
  companyUsername: string;
  canonical: string;
  now: number;
}

/** A member's new company username. */
export function updateMemberCompanyUsername(row: MemberCompanyUsername): void {
  statements().setCompanyUsername.run(row.companyUsername, row.canonical, row.now, row.companyId, row.userId);
}

/** `userId` joins `companyId` as a member, with a company username. */
export function insertMemberWithCompanyUsername(row: MemberCompanyUsername): void {
  statements().addMember.run(row.companyId, row.userId, row.companyUsername, row.canonical, row.now, row.now);
}

/** A new user with no global username and no password (a company-only account); its id. */
export function insertCompanyOnlyUser(now: number): number {
  return statements().newUser.get(now, now)!.id;
}

/** A setup link's stored half: the hash of its token, for `userId`, until `expiresAt` (ms). */
export function insertSetupToken(row: { tokenHash: string; userId: number; expiresAt: number; now: number }): void {
  statements().setupToken.run(row.tokenHash, row.userId, row.expiresAt, row.now);
}
