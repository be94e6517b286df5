import { currentSqlite, getConnection, postgresRows, type Sqlite } from '@/db/client';

// What the CSV import of company usernames (lib/companies/import/) asks of the database and writes.
// The four questions are asked in bulk, four statements per file and never one per row: each takes
// one parameter holding a JSON array, so one query answers for any number of names, under SQLite's
// parameter limit (a preview of 100,000 rows stays well under 5 s; lib/companies/import/apply.test.ts).
// The writes run one row at a time inside the import's transaction (db/transactions.ts). Statements
// are prepared once per connection. PostgreSQL has the same statements in its own words: the JSON
// array becomes a typed array parameter (`= ANY($1::text[])`), a time in milliseconds a timestamptz.

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

function statements(sqlite: Sqlite): ReturnType<typeof prepare> {
  let s = cache.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    cache.set(sqlite, s);
  }
  return s;
}

const ms = (column: string) => `to_timestamp(${column}::double precision / 1000)`;

const PG = {
  // Joined with the array, not `= ANY($1)`: each name is then one probe of the unique index, where a
  // 100,000-name ANY list is planned as a scan.
  userIds: 'SELECT u.id, u.username_canonical AS c FROM unnest($1::text[]) AS n(c) JOIN users u ON u.username_canonical = n.c',
  holders:
    'SELECT m.user_id AS "userId", m.company_username_canonical AS c FROM unnest($2::text[]) AS n(c) JOIN memberships m ON m.company_id = $1 AND m.company_username_canonical = n.c',
  memberships: 'SELECT m.user_id AS "userId", m.company_username AS name FROM unnest($2::bigint[]) AS n(id) JOIN memberships m ON m.company_id = $1 AND m.user_id = n.id',
  invited: 'SELECT i.user_id AS "userId" FROM unnest($2::bigint[]) AS n(id) JOIN invitations i ON i.company_id = $1 AND i.user_id = n.id',
  invite: `INSERT INTO invitations (company_id, user_id, role, company_username, invited_by, created_at) VALUES ($1, $2, 'member', $3, $4, ${ms('$5')})`,
  setCompanyUsername: `UPDATE memberships SET company_username = $1, company_username_canonical = $2, updated_at = ${ms('$3')} WHERE company_id = $4 AND user_id = $5`,
  addMember: `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical, created_at, updated_at) VALUES ($1, $2, 'member', $3, $4, ${ms('$5')}, ${ms('$5')})`,
  newUser: `INSERT INTO users (username, created_at, updated_at) VALUES (NULL, ${ms('$1')}, ${ms('$1')}) RETURNING id`,
  setupToken: `INSERT INTO setup_tokens (token_hash, user_id, expires_at, created_at) VALUES ($1, $2, ${ms('$3')}, ${ms('$4')})`,
};

type Engine = { sqlite: ReturnType<typeof prepare> } | { pg: <T extends object>(name: keyof typeof PG, values: unknown[]) => Promise<T[]> };

function engine(): Engine {
  const connection = getConnection();
  if (connection.engine === 'sqlite') return { sqlite: statements(currentSqlite(connection)) };
  return { pg: <T extends object>(name: keyof typeof PG, values: unknown[]) => postgresRows<T>(connection, `import-${name}`, PG[name], values) };
}

/** Global canonical username → user id, for those of `canonicals` that belong to a user. */
export async function findUserIdsByCanonical(canonicals: readonly string[]): Promise<Map<string, number>> {
  const e = engine();
  const rows = 'sqlite' in e ? e.sqlite.userIds.all(JSON.stringify(canonicals)) : await e.pg<{ id: number | string; c: string }>('userIds', [canonicals]);
  return new Map(rows.map((r) => [r.c, Number(r.id)]));
}

/** Company username canonical → the member of `companyId` who holds it, for those of `canonicals` held. */
export async function findCompanyUsernameHolders(companyId: number, canonicals: readonly string[]): Promise<Map<string, number>> {
  const e = engine();
  const rows = 'sqlite' in e ? e.sqlite.holders.all(companyId, JSON.stringify(canonicals)) : await e.pg<{ userId: number | string; c: string }>('holders', [companyId, canonicals]);
  return new Map(rows.map((r) => [r.c, Number(r.userId)]));
}

/** User id → their company username in `companyId` (null: a member without one), for those of `userIds` who are members. */
export async function findCompanyUsernamesOfMembers(companyId: number, userIds: readonly number[]): Promise<Map<number, string | null>> {
  const e = engine();
  const rows = 'sqlite' in e ? e.sqlite.memberships.all(companyId, JSON.stringify(userIds)) : await e.pg<{ userId: number | string; name: string | null }>('memberships', [companyId, userIds]);
  return new Map(rows.map((r) => [Number(r.userId), r.name]));
}

/** The user ids, of `userIds`, with a pending invitation to `companyId`. */
export async function findInvitedUserIds(companyId: number, userIds: readonly number[]): Promise<Set<number>> {
  const e = engine();
  const rows = 'sqlite' in e ? e.sqlite.invited.all(companyId, JSON.stringify(userIds)) : await e.pg<{ userId: number | string }>('invited', [companyId, userIds]);
  return new Set(rows.map((r) => Number(r.userId)));
}

/** An invitation of `userId` to join `companyId` as a member, offering a company username. */
export async function insertMemberInvitation(row: { companyId: number; userId: number; companyUsername: string; invitedBy: number | null; now: number }): Promise<void> {
  const e = engine();
  if ('sqlite' in e) e.sqlite.invite.run(row.companyId, row.userId, row.companyUsername, row.invitedBy, row.now);
  else await e.pg('invite', [row.companyId, row.userId, row.companyUsername, row.invitedBy, row.now]);
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
export async function updateMemberCompanyUsername(row: MemberCompanyUsername): Promise<void> {
  const e = engine();
  if ('sqlite' in e) e.sqlite.setCompanyUsername.run(row.companyUsername, row.canonical, row.now, row.companyId, row.userId);
  else await e.pg('setCompanyUsername', [row.companyUsername, row.canonical, row.now, row.companyId, row.userId]);
}

/** `userId` joins `companyId` as a member, with a company username. */
export async function insertMemberWithCompanyUsername(row: MemberCompanyUsername): Promise<void> {
  const e = engine();
  if ('sqlite' in e) e.sqlite.addMember.run(row.companyId, row.userId, row.companyUsername, row.canonical, row.now, row.now);
  else await e.pg('addMember', [row.companyId, row.userId, row.companyUsername, row.canonical, row.now]);
}

/** A new user with no global username and no password (a company-only account); its id. */
export async function insertCompanyOnlyUser(now: number): Promise<number> {
  const e = engine();
  if ('sqlite' in e) return e.sqlite.newUser.get(now, now)!.id;
  const [row] = await e.pg<{ id: number | string }>('newUser', [now]);
  return Number(row!.id);
}

/** A setup link's stored half: the hash of its token, for `userId`, until `expiresAt` (ms). */
export async function insertSetupToken(row: { tokenHash: string; userId: number; expiresAt: number; now: number }): Promise<void> {
  const e = engine();
  if ('sqlite' in e) e.sqlite.setupToken.run(row.tokenHash, row.userId, row.expiresAt, row.now);
  else await e.pg('setupToken', [row.tokenHash, row.userId, row.expiresAt, row.now]);
}
