// The PostgreSQL schema: db/schema.ts table for table, column for column, index for index, for
// PostgreSQL 15+ (drizzle-kit generates db/migrations-pg/ from it with drizzle.pg.config.ts).
// db/schema-parity.test.ts keeps the two in step; change both, and generate a migration for each.
//
// The types, chosen so that the domain code sees the same JavaScript values on both engines:
// - ids are `bigint generated always as identity`, read as JS numbers. SQLite's integers are 64-bit
//   and the API accepts ids up to 2^53 - 1 (lib/http/params.ts): with a 32-bit `integer`, asking for
//   company 3000000000 would be PostgreSQL error 22003 (out of range), a 500 where SQLite answers
//   404. `always` (not `by default`): no insert can write an id the sequence will later hand out
//   again; a restore from pg_dump says OVERRIDING SYSTEM VALUE itself. Ids stay below 2^53, so
//   `mode: 'number'` loses nothing. The columns that point at them are bigint too.
// - times are `timestamp(3) with time zone`, read back as Date: SQLite stores integer milliseconds,
//   and precision 3 stores exactly the milliseconds a JS Date holds (now() is rounded to them too),
//   so a value written and read back compares equal, in JS and in SQL.
// - booleans are `boolean`; the audit details `jsonb`; the enumerated texts stay `text` with the same
//   named checks as on SQLite (no CREATE TYPE ... AS ENUM: one more thing to migrate per value).
// - the canonical form, the similarity key and the lower-cased address are stored columns with
//   plain unique indexes, as on SQLite: PostgreSQL's lower() is not Unicode case folding, so no
//   expression index may decide uniqueness. Unique indexes treat NULLs as distinct on both engines
//   (many company-only accounts without a global username).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = <N extends string>(name: N) => bigint(name, { mode: 'number' });
// A company's logo: bytea, read back as a Buffer (a custom type, as the BLOB on SQLite).
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const time = <N extends string>(name: N) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: id(),
    // The global username as the person typed it, and the forms that decide uniqueness. All three are
    // null for an account that exists only inside a company (created by a company admin).
    username: text('username'),
    usernameCanonical: text('username_canonical'),
    similarityKey: text('similarity_key'),
    // The address as typed, its lower-cased form (unique), and when a mailed link proved it theirs.
    email: text('email'),
    emailCanonical: text('email_canonical'),
    emailVerifiedAt: time('email_verified_at'),
    // PHC string (argon2id); null when the account cannot sign in with a password yet.
    passwordHash: text('password_hash'),
    // Bumped to end every session of this person (lib/auth/sessions.ts). A 32-bit counter, as on SQLite.
    sessionVersion: integer('session_version').notNull().default(0),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    createdAt: time('created_at').notNull().defaultNow(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_canonical_unique').on(t.usernameCanonical),
    uniqueIndex('users_similarity_key_unique').on(t.similarityKey),
    uniqueIndex('users_email_canonical_unique').on(t.emailCanonical),
  ],
);

export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('companies_slug_unique').on(t.slug)],
);

export const memberships = pgTable(
  'memberships',
  {
    companyId: ref('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'member'] }).notNull().default('member'),
    companyUsername: text('company_username'),
    companyUsernameCanonical: text('company_username_canonical'),
    createdAt: time('created_at').notNull().defaultNow(),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    uniqueIndex('memberships_company_username_unique').on(t.companyId, t.companyUsernameCanonical),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_check', sql`${t.role} in ('admin', 'member')`),
    check('memberships_company_username_pair', sql`(${t.companyUsername} is null) = (${t.companyUsernameCanonical} is null)`),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    // Hex SHA-256 of the whole token; the token itself is never stored.
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    scope: text('scope', { enum: ['company', 'platform'] }).notNull(),
    companyId: ref('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: time('created_at').notNull().defaultNow(),
    lastUsedAt: time('last_used_at'),
    revokedAt: time('revoked_at'),
    // Null: the token never expires. From this moment on it is refused like a revoked one.
    expiresAt: time('expires_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_unique').on(t.tokenHash),
    index('api_tokens_company_idx').on(t.companyId),
    check(
      'api_tokens_scope_check',
      sql`(${t.scope} = 'platform' and ${t.companyId} is null) or (${t.scope} = 'company' and ${t.companyId} is not null)`,
    ),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: time('at').notNull().defaultNow(),
    // Null when the actor is the CLI (an operator on the machine) rather than a signed-in person.
    actorUserId: ref('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actor: text('actor').notNull(),
    companyId: ref('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_company_at_idx').on(t.companyId, t.at)],
);

// Every global username spoken for: live (held_until null) and held; see db/schema.ts.
export const globalNames = pgTable(
  'global_names',
  {
    id: id(),
    username: text('username').notNull(),
    usernameCanonical: text('username_canonical').notNull(),
    similarityKey: text('similarity_key').notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    heldUntil: time('held_until'),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('global_names_canonical_unique').on(t.usernameCanonical),
    uniqueIndex('global_names_similarity_key_unique').on(t.similarityKey),
    uniqueIndex('global_names_live_user_unique').on(t.userId).where(sql`held_until is null`),
    index('global_names_user_idx').on(t.userId),
    check('global_names_live_has_owner', sql`${t.heldUntil} is not null or ${t.userId} is not null`),
  ],
);

// Company usernames given up and held for the company; see db/schema.ts.
export const companyNameHolds = pgTable(
  'company_name_holds',
  {
    companyId: ref('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    companyUsername: text('company_username').notNull(),
    companyUsernameCanonical: text('company_username_canonical').notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'set null' }),
    heldUntil: time('held_until').notNull(),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.companyUsernameCanonical] })],
);

// Platform admins' reserved-name rules (exact or prefix, on the similarity key); see db/schema.ts.
export const reservedRules = pgTable(
  'reserved_rules',
  {
    id: id(),
    kind: text('kind', { enum: ['exact', 'prefix'] }).notNull(),
    value: text('value').notNull(),
    key: text('key').notNull(),
    createdBy: ref('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reserved_rules_kind_key_unique').on(t.kind, t.key)],
);

// One-time links by which a person created by a company admin sets their own password.
export const setupTokens = pgTable(
  'setup_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: time('expires_at').notNull(),
    usedAt: time('used_at'),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [index('setup_tokens_user_idx').on(t.userId)],
);

// Pending invitations to join a company (db/schema.ts says why one row per company and person).
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    companyId: ref('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'member'] }).notNull().default('member'),
    companyUsername: text('company_username'),
    invitedBy: ref('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invitations_company_user_unique').on(t.companyId, t.userId),
    index('invitations_user_idx').on(t.userId),
    check('invitations_role_check', sql`${t.role} in ('admin', 'member')`),
  ],
);

// One-time links mailed to a person: a password reset, or the proof that an address is theirs.
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['reset', 'verify'] }).notNull(),
    email: text('email'),
    expiresAt: time('expires_at').notNull(),
    usedAt: time('used_at'),
    createdAt: time('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('account_tokens_user_purpose_idx').on(t.userId, t.purpose),
    check('account_tokens_purpose_check', sql`${t.purpose} in ('reset', 'verify')`),
  ],
);

// A company's own username rules: one row per company that set any (db/schema.ts says more).
export const companyUsernameRules = pgTable(
  'company_username_rules',
  {
    companyId: ref('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    minLength: integer('min_length').notNull().default(1),
    maxLength: integer('max_length').notNull().default(64),
    pattern: text('pattern'),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId] }),
    check('company_username_rules_lengths', sql`${t.minLength} >= 1 and ${t.maxLength} <= 64 and ${t.minLength} <= ${t.maxLength}`),
  ],
);

// Names a company keeps for itself, as typed and in canonical form (what is compared).
export const companyReservedNames = pgTable(
  'company_reserved_names',
  {
    companyId: ref('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    nameCanonical: text('name_canonical').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.nameCanonical] })],
);

// How a company's login page looks (db/schema.ts says more).
export const companyBranding = pgTable(
  'company_branding',
  {
    companyId: ref('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    displayName: text('display_name'),
    accentColor: text('accent_color'),
    logo: bytes('logo'),
    logoType: text('logo_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }),
    logoVersion: integer('logo_version').notNull().default(0),
    updatedAt: time('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId] }),
    check('company_branding_logo_pair', sql`(${t.logo} is null) = (${t.logoType} is null)`),
    check('company_branding_logo_type', sql`${t.logoType} in ('image/png', 'image/jpeg', 'image/webp')`),
  ],
);
