import { currentSqlite, getConnection, postgresRows, type Sqlite } from '@/db/client';

// What the CSV import of company usernames (lib/companies/import/) asks of the database and writes.
// The five questions are asked in bulk, five statements per file and never one per row: each takes
// one parameter holding a JSON array, so one query answers for any number of names, under SQLite's
// parameter limit (a preview of 100,000 rows stays well under 5 s; lib/companies/import/apply.test.ts).
// The writes run one row at a time inside the import's transaction (db/transactions.ts), except the
// company holds (the names replaced, and the holds cleared on the names given), which take one
// statement per file each. Statements
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
    heldNames: sqlite.prepare<[number, number, string], { c: string; userId: number | null; until: number }>(
      `SELECT company_username_canonical AS c, user_id AS userId, held_until AS until FROM company_name_holds
       WHERE company_id = ? AND held_until > ? AND company_username_canonical IN (SELECT value FROM json_each(?))`,
    ),
    holdNames: sqlite.prepare<[number, number, number, string]>(
      `INSERT INTO company_name_holds (company_id, company_username, company_username_canonical, user_id, held_until, created_at)
       SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), ?, ? FROM json_each(?) WHERE true
       ON CONFLICT (company_id, company_username_canonical) DO UPDATE SET
         company_username = excluded.company_username, user_id = excluded.user_id, held_until = excluded.held_until, created_at = excluded.created_at`,
    ),
    clearClaimed: sqlite.prepare<[number, string, number]>(
      `DELETE FROM company_name_holds WHERE company_id = ? AND EXISTS (
         SELECT 1 FROM json_each(?) AS n WHERE json_extract(n.value, '$[0]') = company_username_canonical
           AND (held_until <= ? OR user_id = json_extract(n.value, '$[1]')))`,
    ),
    stillHeld: sqlite.prepare<[number, string], { until: number }>(
      `SELECT held_until AS until FROM company_name_holds
       WHERE company_id = ? AND company_username_canonical IN (SELECT json_extract(value, '$[0]') FROM json_each(?)) LIMIT 1`,
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
  heldNames: `SELECT h.company_username_canonical AS c, h.user_id AS "userId", (extract(epoch from h.held_until) * 1000)::double precision AS until
    FROM unnest($3::text[]) AS n(c) JOIN company_name_holds h ON h.company_id = $1 AND h.company_username_canonical = n.c AND h.held_until > ${ms('$2')}`,
  holdNames: `INSERT INTO company_name_holds (company_id, company_username, company_username_canonical, user_id, held_until, created_at)
    SELECT $1, n.display, n.c, n.u, ${ms('$2')}, ${ms('$3')} FROM unnest($4::text[], $5::text[], $6::bigint[]) AS n(display, c, u)
    ON CONFLICT (company_id, company_username_canonical) DO UPDATE SET
      company_username = excluded.company_username, user_id = excluded.user_id, held_until = excluded.held_until, created_at = excluded.created_at`,
  clearClaimed: `DELETE FROM company_name_holds h USING unnest($2::text[], $3::bigint[]) AS n(c, u)
    WHERE h.company_id = $1 AND h.company_username_canonical = n.c AND (h.held_until <= ${ms('$4')} OR h.user_id = n.u)`,
  stillHeld: `SELECT (extract(epoch from h.held_until) * 1000)::double precision AS until
    FROM unnest($2::text[]) AS n(c) JOIN company_name_holds h ON h.company_id = $1 AND h.company_username_canonical = n.c LIMIT 1`,
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

/** A company username held for the company at `now`: for whom (null: an account deleted since), and until when (ms). */
export interface ImportHeldName {
  userId: number | null;
  until: number;
}

/** Company username canonical → its hold in `companyId` that still counts at `now` (ms), for those of `canonicals` held. */
export async function findHeldCompanyUsernames(companyId: number, canonicals: readonly string[], now: number): Promise<Map<string, ImportHeldName>> {
  const e = engine();
  const rows =
    'sqlite' in e
      ? e.sqlite.heldNames.all(companyId, now, JSON.stringify(canonicals))
      : await e.pg<{ c: string; userId: number | string | null; until: number | string }>('heldNames', [companyId, now, canonicals]);
  return new Map(rows.map((r) => [r.c, { userId: r.userId === null ? null : Number(r.userId), until: Number(r.until) }]));
}

/** A company username given up by `userId` in the import (display and canonical forms). */
export interface GivenUpName {
  companyUsername: string;
  canonical: string;
  userId: number;
}

/** Holds every name of `names` for `companyId` until `until` (ms): one statement for the whole file. */
export async function holdCompanyUsernames(companyId: number, names: readonly GivenUpName[], until: number, now: number): Promise<void> {
  if (names.length === 0) return;
  const e = engine();
  if ('sqlite' in e) e.sqlite.holdNames.run(companyId, until, now, JSON.stringify(names.map((n) => [n.companyUsername, n.canonical, n.userId])));
  else await e.pg('holdNames', [companyId, until, now, names.map((n) => n.companyUsername), names.map((n) => n.canonical), names.map((n) => n.userId)]);
}

/**
 * After the import gave these names (canonical form, to whom): deletes the holds on them that are over
 * or that were the receiver's own (a take-back), and returns until when (ms) one that still counts
 * for someone else is held (a hold written since the rows were checked), or null. Two statements per file.
 */
export async function claimCompanyUsernames(companyId: number, claimed: readonly { canonical: string; userId: number }[], now: number): Promise<number | null> {
  if (claimed.length === 0) return null;
  const e = engine();
  if ('sqlite' in e) {
    const json = JSON.stringify(claimed.map((n) => [n.canonical, n.userId]));
    e.sqlite.clearClaimed.run(companyId, json, now);
    return e.sqlite.stillHeld.get(companyId, json)?.until ?? null;
  }
  const canonicals = claimed.map((n) => n.canonical);
  await e.pg('clearClaimed', [companyId, canonicals, claimed.map((n) => n.userId), now]);
  const [row] = await e.pg<{ until: number | string }>('stillHeld', [companyId, canonicals]);
  return row ? Number(row.until) : null;
}
