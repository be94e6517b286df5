// What db/schema.test.ts proves on SQLite, proved on a real PostgreSQL (the run's throwaway server,
// db/testing/postgres.ts): db/migrations-pg applied by migratePostgres, twice; the unique indexes
// refuse a second canonical form, similarity key, address, slug and company username in a company
// (error 23505, named by constraint); cascades and set-null; the same JavaScript values as SQLite
// (ids as numbers beyond 32 bits, times as Dates to the millisecond, booleans, JSON); and several
// migrators at once, serialized by the advisory lock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, migratePostgres, PG_MIGRATIONS_FOLDER } from './migrate.pg';
import * as schema from './schema.pg';
import { createTestDatabase, testPostgresUrl } from './testing/postgres';

const serverUrl = testPostgresUrl('db/schema.pg.test.ts');
const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };

/** The error a statement fails with: its SQLSTATE and the constraint it names. */
async function failure(statement: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  try {
    await statement;
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    return { code: e.code, constraint: e.constraint };
  }
  throw new Error('the statement succeeded');
}

describe.skipIf(serverUrl === null)('the PostgreSQL schema', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  const q = <R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []) => pool.query<R>(text, values);
  const insertUser = async (canonical: string, key: string): Promise<number> =>
    Number((await q<{ id: string }>('INSERT INTO users (username, username_canonical, similarity_key) VALUES ($1, $1, $2) RETURNING id', [canonical, key])).rows[0]!.id);
  const insertCompany = async (slug: string): Promise<number> =>
    Number((await q<{ id: string }>("INSERT INTO companies (name, slug) VALUES ('X', $1) RETURNING id", [slug])).rows[0]!.id);
  const count = async (sql: string, values: unknown[] = []): Promise<number> => Number((await q<{ n: string }>(sql, values)).rows[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl!, 'schema');
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    const started = Date.now();
    await migratePostgres(pool);
    const first = Date.now() - started;
    await migratePostgres(pool);
    process.stderr.write(`[postgres] db/migrations-pg applied in ${first} ms; again (nothing to do) in ${Date.now() - started - first} ms\n`);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('applies every committed migration once, and a second run is a no-op', async () => {
    const applied = await count('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
    expect(applied).toBe(journal.entries.length);
    const tables = (await q<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t);
    expect(tables).toEqual([
      'account_tokens',
      'api_tokens',
      'audit_log',
      'companies',
      'company_branding',
      'company_name_holds',
      'company_reserved_names',
      'company_username_rules',
      'global_names',
      'invitations',
      'memberships',
      // not in the schemas: the limiter library's table and the shared settings (db/migrate.pg.ts)
      'namecheck_settings',
      'rate_limits',
      'reserved_rules',
      'setup_tokens',
      'users',
    ]);
    await migratePostgres(pool);
    expect(await count('SELECT count(*) AS n FROM drizzle.__drizzle_migrations')).toBe(applied);
  });

  it('decides uniqueness with plain indexes on stored columns, never an expression index', async () => {
    const expressionIndexes = await count("SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND i.indexprs IS NOT NULL");
    expect(expressionIndexes).toBe(0);
  });

  it('refuses two users with one canonical username', async () => {
    await insertUser('alice', 'alice');
    expect(await failure(insertUser('alice', 'alice-other-key'))).toEqual({ code: '23505', constraint: 'users_username_canonical_unique' });
  });

  it('refuses two users with one similarity key', async () => {
    await insertUser('paypal', 'paypal');
    expect(await failure(insertUser('pаypal', 'paypal'))).toEqual({ code: '23505', constraint: 'users_similarity_key_unique' });
  });

  it('refuses two accounts with one canonical address, and allows many without one', async () => {
    const add = (email: string | null) => q('INSERT INTO users (email, email_canonical) VALUES ($1, lower($1))', [email]);
    await add('Ann@Example.com');
    expect(await failure(add('ann@example.COM'))).toEqual({ code: '23505', constraint: 'users_email_canonical_unique' });
    await expect(Promise.all([add(null), add(null)])).resolves.toBeDefined();
  });

  it('allows many company-only accounts without a global username', async () => {
    await expect(Promise.all([q('INSERT INTO users (username) VALUES (NULL)'), q('INSERT INTO users (username) VALUES (NULL)')])).resolves.toBeDefined();
  });

  it('refuses two companies with one slug', async () => {
    await insertCompany('one');
    expect(await failure(insertCompany('one'))).toEqual({ code: '23505', constraint: 'companies_slug_unique' });
  });

  it('keeps company usernames unique per company, not across companies', async () => {
    const a = await insertCompany('co-a');
    const b = await insertCompany('co-b');
    const member = async (company: number, user: string, name: string, canonical: string) =>
      q("INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical) VALUES ($1, $2, 'member', $3, $4)", [
        company,
        await insertUser(user, user),
        name,
        canonical,
      ]);
    await member(a, 'u1', 'FB1234', 'fb1234');
    expect(await failure(member(a, 'u2', 'fb1234', 'fb1234'))).toEqual({ code: '23505', constraint: 'memberships_company_username_unique' });
    await expect(member(b, 'u3', 'FB1234', 'fb1234')).resolves.toBeDefined();
    await expect(member(a, 'u4', 'FBl234', 'fbl234')).resolves.toBeDefined();
  });

  it('allows many members without a company username in one company', async () => {
    const co = await insertCompany('nulls');
    const member = async (user: string) => q("INSERT INTO memberships (company_id, user_id, role) VALUES ($1, $2, 'member')", [co, await insertUser(user, user)]);
    await expect(member('n1')).resolves.toBeDefined();
    await expect(member('n2')).resolves.toBeDefined();
  });

  it('refuses a role other than admin or member, a company username without its canonical form, and a membership of a missing company', async () => {
    const u = await insertUser('roleuser', 'roleuser');
    const co = await insertCompany('roles');
    expect(await failure(q("INSERT INTO memberships (company_id, user_id, role) VALUES ($1, $2, 'owner')", [co, u]))).toEqual({
      code: '23514',
      constraint: 'memberships_role_check',
    });
    expect(await failure(q("INSERT INTO memberships (company_id, user_id, company_username) VALUES ($1, $2, 'X')", [co, u]))).toEqual({
      code: '23514',
      constraint: 'memberships_company_username_pair',
    });
    expect(await failure(q("INSERT INTO memberships (company_id, user_id, role) VALUES (999999, $1, 'member')", [u]))).toEqual({
      code: '23503',
      constraint: 'memberships_company_id_companies_id_fk',
    });
  });

  it('stores API tokens by unique hash, with a scope that matches the company', async () => {
    const add = (hash: string, scope: string, company: number | null) =>
      q("INSERT INTO api_tokens (token_hash, prefix, scope, company_id) VALUES ($1, 'nc_', $2, $3)", [hash, scope, company]);
    await add('h1', 'platform', null);
    expect(await failure(add('h1', 'platform', null))).toEqual({ code: '23505', constraint: 'api_tokens_hash_unique' });
    expect(await failure(add('h2', 'company', null))).toEqual({ code: '23514', constraint: 'api_tokens_scope_check' });
    expect(await failure(add('h3', 'platform', await insertCompany('scoped')))).toEqual({ code: '23514', constraint: 'api_tokens_scope_check' });
  });

  it('keeps one pending invitation per company and person, with a valid role, gone with the person or the company', async () => {
    const co = await insertCompany('invites');
    const other = await insertCompany('invites-2');
    const person = await insertUser('invitee', 'invitee');
    const invite = (company: number, user: number, role: string, name: string | null) =>
      q('INSERT INTO invitations (company_id, user_id, role, company_username) VALUES ($1, $2, $3, $4)', [company, user, role, name]);
    await invite(co, person, 'member', 'INV-1');
    expect(await failure(invite(co, person, 'admin', null))).toEqual({ code: '23505', constraint: 'invitations_company_user_unique' });
    await expect(invite(other, person, 'member', 'INV-1')).resolves.toBeDefined();
    expect(await failure(invite(co, await insertUser('invitee2', 'invitee2'), 'owner', null))).toEqual({ code: '23514', constraint: 'invitations_role_check' });
    await q('DELETE FROM companies WHERE id = $1', [other]);
    expect(await count('SELECT count(*) AS n FROM invitations WHERE user_id = $1', [person])).toBe(1);
    await q('DELETE FROM users WHERE id = $1', [person]);
    expect(await count('SELECT count(*) AS n FROM invitations WHERE user_id = $1', [person])).toBe(0);
  });

  it('cascades and sets null as declared when a person or a company is deleted', async () => {
    const co = await insertCompany('cascade');
    const person = await insertUser('leaver', 'leaver');
    const admin = await insertUser('stayer', 'stayer');
    await q("INSERT INTO memberships (company_id, user_id, role) VALUES ($1, $2, 'member'), ($1, $3, 'admin')", [co, person, admin]);
    await q("INSERT INTO api_tokens (token_hash, prefix, scope, company_id, created_by) VALUES ('cascade-1', 'nc_', 'company', $1, $2)", [co, person]);
    await q("INSERT INTO api_tokens (token_hash, prefix, scope, created_by) VALUES ('cascade-2', 'nc_', 'platform', $1)", [person]);
    await q("INSERT INTO audit_log (actor_user_id, actor, company_id, action) VALUES ($1, 'leaver', $2, 'x'), ($1, 'leaver', NULL, 'y')", [person, co]);
    await q("INSERT INTO reserved_rules (kind, value, key, created_by) VALUES ('exact', 'Boss', 'boss', $1)", [person]);
    await q("INSERT INTO invitations (company_id, user_id, invited_by) VALUES ($1, $2, $3)", [await insertCompany('cascade-other'), admin, person]);
    await q("INSERT INTO setup_tokens (token_hash, user_id, expires_at) VALUES ('setup-1', $1, now())", [person]);
    await q("INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at) VALUES ('acct-1', $1, 'reset', now())", [person]);

    await q('DELETE FROM users WHERE id = $1', [person]);
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = $1', [person])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM setup_tokens WHERE user_id = $1', [person])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM account_tokens WHERE user_id = $1', [person])).toBe(0);
    expect(await count("SELECT count(*) AS n FROM api_tokens WHERE token_hash LIKE 'cascade-%' AND created_by IS NULL")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE actor = 'leaver' AND actor_user_id IS NULL")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM reserved_rules WHERE key = 'boss' AND created_by IS NULL")).toBe(1);
    expect(await count('SELECT count(*) AS n FROM invitations WHERE user_id = $1 AND invited_by IS NULL', [admin])).toBe(1);

    await q('DELETE FROM companies WHERE id = $1', [co]);
    expect(await count('SELECT count(*) AS n FROM memberships WHERE company_id = $1', [co])).toBe(0);
    expect(await count("SELECT count(*) AS n FROM api_tokens WHERE token_hash = 'cascade-1'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM api_tokens WHERE token_hash = 'cascade-2'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE actor = 'leaver'")).toBe(1);
  });

  it("keeps a company's username rules within 1 to 64 (min ≤ max), one reserved name per canonical form, gone with the company", async () => {
    const company = await insertCompany('rules-co');
    await q('INSERT INTO company_username_rules (company_id, min_length, max_length, pattern) VALUES ($1, 5, 8, $2)', [company, 'FB\\d+']);
    for (const [min, max] of [[0, 8], [5, 65], [9, 8]]) {
      const other = await insertCompany(`rules-${min}-${max}`);
      expect(await failure(q('INSERT INTO company_username_rules (company_id, min_length, max_length) VALUES ($1, $2, $3)', [other, min, max]))).toEqual({
        code: '23514',
        constraint: 'company_username_rules_lengths',
      });
    }
    await q("INSERT INTO company_reserved_names (company_id, name, name_canonical) VALUES ($1, 'CEO', 'ceo')", [company]);
    expect(await failure(q("INSERT INTO company_reserved_names (company_id, name, name_canonical) VALUES ($1, 'ceo', 'ceo')", [company]))).toEqual({
      code: '23505',
      constraint: 'company_reserved_names_company_id_name_canonical_pk',
    });
    await q('DELETE FROM companies WHERE id = $1', [company]);
    expect(await count('SELECT (SELECT count(*) FROM company_username_rules WHERE company_id = $1) + (SELECT count(*) FROM company_reserved_names WHERE company_id = $1) AS n', [company])).toBe(0);
  });

  it("stores a company's logo as bytea, read back by Drizzle as the same Buffer, with its type; gone with the company", async () => {
    const company = await insertCompany('brand-co');
    const db = drizzle(pool, { schema });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10]);
    await db.insert(schema.companyBranding).values({ companyId: company, displayName: 'Brand', accentColor: '#0f5132', logo: bytes, logoType: 'image/png', logoVersion: 1 });
    const [row] = await db.select().from(schema.companyBranding).where(eq(schema.companyBranding.companyId, company));
    expect(Buffer.isBuffer(row!.logo)).toBe(true);
    expect(Buffer.compare(row!.logo!, bytes)).toBe(0);
    expect(await count('SELECT length(logo) AS n FROM company_branding WHERE company_id = $1', [company])).toBe(bytes.length);
    expect(await failure(q("UPDATE company_branding SET logo_type = 'image/svg+xml' WHERE company_id = $1", [company]))).toEqual({ code: '23514', constraint: 'company_branding_logo_type' });
    expect(await failure(q('UPDATE company_branding SET logo = NULL WHERE company_id = $1', [company]))).toEqual({ code: '23514', constraint: 'company_branding_logo_pair' });
    await q('DELETE FROM companies WHERE id = $1', [company]);
    expect(await count('SELECT count(*) AS n FROM company_branding WHERE company_id = $1', [company])).toBe(0);
  });

  it('gives Drizzle the same JavaScript values as SQLite: numeric ids past 32 bits, Dates to the millisecond, booleans, JSON', async () => {
    const db = drizzle({ client: pool, schema });
    // Whatever the session's time zone, a Date goes in and comes back to the millisecond.
    const client = await pool.connect();
    try {
      await client.query("SET TIME ZONE 'Asia/Kolkata'");
      const zoned = drizzle({ client, schema });
      const at = new Date('2031-02-03T04:05:06.789Z');
      const [row] = await zoned
        .insert(schema.users)
        .values({ username: 'timely', usernameCanonical: 'timely', similarityKey: 'timely', emailVerifiedAt: at, isPlatformAdmin: true })
        .returning();
      expect(row!.emailVerifiedAt).toBeInstanceOf(Date);
      expect(row!.emailVerifiedAt!.getTime()).toBe(at.getTime());
      expect(row!.isPlatformAdmin).toBe(true);
      expect(row!.sessionVersion).toBe(0);
      expect(typeof row!.id).toBe('number');
      // now() is stored to the millisecond, as SQLite's unixepoch('subsec') * 1000: what the app reads
      // is what an equality in SQL finds.
      const found = await zoned.select().from(schema.users).where(eq(schema.users.createdAt, row!.createdAt));
      expect(found.map((u) => u.id)).toContain(row!.id);
      expect(Math.abs(row!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      client.release();
    }

    const big = 2 ** 40 + 7;
    await q("INSERT INTO companies (id, name, slug) OVERRIDING SYSTEM VALUE VALUES ($1, 'Big', 'big')", [big]);
    const [company] = await db.select().from(schema.companies).where(eq(schema.companies.id, big));
    expect(company?.id).toBe(big);
    // The largest id the API accepts is asked for without an out-of-range error.
    await expect(db.select().from(schema.companies).where(eq(schema.companies.id, Number.MAX_SAFE_INTEGER))).resolves.toEqual([]);
    // An id is handed out by the database only: an insert that names one is refused.
    expect((await failure(q("INSERT INTO companies (id, name, slug) VALUES (5, 'Five', 'five')"))).code).toBe('428C9');

    const [entry] = await db
      .insert(schema.auditLog)
      .values({ actor: 'cli', action: 'test', details: { nested: { list: [1, 'two'] }, flag: false } })
      .returning();
    expect(entry!.details).toEqual({ nested: { list: [1, 'two'] }, flag: false });
    expect(entry!.actorUserId).toBeNull();
  });
});

describe.skipIf(serverUrl === null)('migratePostgres', () => {
  it('lets two instances migrate one fresh database at once: one applies, the other finds nothing to do', async () => {
    const database = await createTestDatabase(serverUrl!, 'race');
    const pools = [new pg.Pool({ connectionString: database.url }), new pg.Pool({ connectionString: database.url })];
    try {
      await Promise.all(pools.map((p) => migratePostgres(p)));
      const { rows } = await pools[0]!.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
      expect(Number(rows[0]!.n)).toBe(journal.entries.length);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await database.drop();
    }
  });

  it('waits for the advisory lock held by another instance before touching the database', async () => {
    const database = await createTestDatabase(serverUrl!, 'lock');
    const pool = new pg.Pool({ connectionString: database.url });
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      let done = false;
      const migrating = migratePostgres(pool).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 500));
      expect(done).toBe(false);
      const { rows } = await holder.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(Number(rows[0]!.n)).toBe(0);
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await migrating;
      expect(done).toBe(true);
      // The lock is given back: another migration takes it at once.
      await migratePostgres(pool);
    } finally {
      await holder.end();
      await pool.end();
      await database.drop();
    }
  });
});
