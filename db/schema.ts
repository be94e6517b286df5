import { sql } from 'drizzle-orm';
import { check, customType, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are integer milliseconds since the epoch (`timestamp_ms`), read back as Date.
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

// Bytes (a company's logo): a BLOB, read back as a Buffer. A custom type on both engines (bytea on
// PostgreSQL), so that db/schema-parity.test.ts sees the same column type on each.
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'blob' });

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The global username as the person typed it, and the forms that decide uniqueness. All three are
    // null for an account that exists only inside a company (created by a company admin).
    username: text('username'),
    usernameCanonical: text('username_canonical'),
    similarityKey: text('similarity_key'),
    // The address as the person typed it, its lower-cased form (what decides uniqueness: one address
    // belongs to one account, whatever its case), and when a mailed link proved it theirs. Only a
    // verified address receives password-reset mail.
    email: text('email'),
    emailCanonical: text('email_canonical'),
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    // PHC string (argon2id); null when the account cannot sign in with a password yet.
    passwordHash: text('password_hash'),
    // Goes on every session token at sign-in; bumping it ends every session of this person (signing
    // out everywhere, a password change, reset or setup). A token that names another version is a
    // signed-out visitor's (lib/auth/sessions.ts).
    sessionVersion: integer('session_version').notNull().default(0),
    isPlatformAdmin: integer('is_platform_admin', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('users_username_canonical_unique').on(t.usernameCanonical),
    // Two names that look alike are refused by the database too, not only by the check.
    uniqueIndex('users_similarity_key_unique').on(t.similarityKey),
    uniqueIndex('users_email_canonical_unique').on(t.emailCanonical),
  ],
);

export const companies = sqliteTable(
  'companies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('companies_slug_unique').on(t.slug)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'member'] }).notNull().default('member'),
    companyUsername: text('company_username'),
    companyUsernameCanonical: text('company_username_canonical'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    uniqueIndex('memberships_company_username_unique').on(t.companyId, t.companyUsernameCanonical),
    index('memberships_user_idx').on(t.userId),
    check('memberships_role_check', sql`${t.role} in ('admin', 'member')`),
    check(
      'memberships_company_username_pair',
      sql`(${t.companyUsername} is null) = (${t.companyUsernameCanonical} is null)`,
    ),
  ],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Hex SHA-256 of the whole token; the token itself is never stored.
    tokenHash: text('token_hash').notNull(),
    // The first characters of the token, enough to recognise it in a list.
    prefix: text('prefix').notNull(),
    scope: text('scope', { enum: ['company', 'platform'] }).notNull(),
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    // Null: the token never expires. From this moment on it is refused like a revoked one.
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
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

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
    // Null when the actor is the CLI (an operator on the machine) rather than a signed-in person.
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actor: text('actor').notNull(),
    companyId: integer('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    target: text('target'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_company_at_idx').on(t.companyId, t.at)],
);

// Every global username that is spoken for: the one each account uses now (`held_until` null), and
// the ones given up (renamed away, account deleted) and held until `held_until` for their previous
// owner (`user_id`; null once that account is gone). The unique indexes on the canonical form and on
// the similarity key span both kinds, so a hold and a registration of one name (or of a look-alike)
// cannot both win, on either engine. A hold past `held_until` counts as free without any job: the
// check ignores it, and the write that takes the name deletes it in the same transaction.
// users.username* keep the live name too (one write function updates both: db/queries/names-claims.ts).
export const globalNames = sqliteTable(
  'global_names',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    usernameCanonical: text('username_canonical').notNull(),
    similarityKey: text('similarity_key').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    heldUntil: integer('held_until', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('global_names_canonical_unique').on(t.usernameCanonical),
    uniqueIndex('global_names_similarity_key_unique').on(t.similarityKey),
    // One name in use per account; its holds are any number.
    uniqueIndex('global_names_live_user_unique').on(t.userId).where(sql`held_until is null`),
    index('global_names_user_idx').on(t.userId),
    check('global_names_live_has_owner', sql`${t.heldUntil} is not null or ${t.userId} is not null`),
  ],
);

// Company usernames given up (removed, replaced, the member removed): held for the company until
// `held_until`, for anyone but the person who had it (`user_id`). A row past `held_until` counts as
// free; taking the name deletes it. A hold is written in the same transaction that frees the live name
// (the membership row), and a write that takes a company name reads the holds after writing it, so
// the membership's row lock orders the two on PostgreSQL (docs/decisions/013-username-lifecycle.md).
export const companyNameHolds = sqliteTable(
  'company_name_holds',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    companyUsername: text('company_username').notNull(),
    companyUsernameCanonical: text('company_username_canonical').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    heldUntil: integer('held_until', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.companyUsernameCanonical] })],
);

// Platform admins' reserved-name rules for global usernames: `exact` (the name) or `prefix` (every
// name that starts with it), compared on the similarity key of the canonical form, so `ADMIN`,
// `аdmin` (Cyrillic а) and `ad.min` fall under a rule for `admin` too.
export const reservedRules = sqliteTable(
  'reserved_rules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['exact', 'prefix'] }).notNull(),
    // What the admin typed, and its similarity key (what is compared).
    value: text('value').notNull(),
    key: text('key').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('reserved_rules_kind_key_unique').on(t.kind, t.key)],
);

// One-time links by which a person created by a company admin sets their own password.
export const setupTokens = sqliteTable(
  'setup_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('setup_tokens_user_idx').on(t.userId)],
);

// Pending invitations to join a company, made by its admins on /admin: the invited person becomes a
// member only by accepting on /account. A row lives only while the invitation is pending (accepting,
// declining or withdrawing it deletes it; the audit log keeps the history), so the unique index on
// (company, person) is "one pending invitation per company and person". The company username offered
// is kept as the admin typed it: it is validated again, and its uniqueness decided by the memberships'
// unique index, when the person accepts.
export const invitations = sqliteTable(
  'invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['admin', 'member'] }).notNull().default('member'),
    companyUsername: text('company_username'),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('invitations_company_user_unique').on(t.companyId, t.userId),
    index('invitations_user_idx').on(t.userId),
    check('invitations_role_check', sql`${t.role} in ('admin', 'member')`),
  ],
);

// One-time links mailed to a person (or handed out by an operator): a password reset, or the proof
// that an email address is theirs. Only the SHA-256 of a token is stored. A verification link names
// the address it was sent to, so it cannot verify an address set after it.
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['reset', 'verify'] }).notNull(),
    email: text('email'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    index('account_tokens_user_purpose_idx').on(t.userId, t.purpose),
    check('account_tokens_purpose_check', sql`${t.purpose} in ('reset', 'verify')`),
  ],
);

// A company's own username rules (lib/usernames/company-rules.ts applies them): one row per company
// that set any. No row: the company profile's rules alone (lengths 1 to 64, no pattern).
export const companyUsernameRules = sqliteTable(
  'company_username_rules',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    minLength: integer('min_length').notNull().default(1),
    maxLength: integer('max_length').notNull().default(64),
    // Checked when set (no super-linear backtracking, valid under the `u` flag); null: no pattern.
    pattern: text('pattern'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.companyId] }),
    check('company_username_rules_lengths', sql`${t.minLength} >= 1 and ${t.maxLength} <= 64 and ${t.minLength} <= ${t.maxLength}`),
  ],
);

// Names a company keeps for itself, as the admin typed them and in canonical form (what is compared).
export const companyReservedNames = sqliteTable(
  'company_reserved_names',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    nameCanonical: text('name_canonical').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.nameCanonical] })],
);

// How a company's login page (/login/{slug}) looks: a display name, an accent colour and a logo, kept
// in the database so that every instance serves the same (lib/companies/branding.ts decides what may
// be stored: a PNG, JPEG or WebP of at most 256 KiB, judged by its bytes; an accent colour with a
// contrast of at least 4.5:1 with white text). `logo_version` goes up with every new logo: it is
// in the logo's URL and ETag, so a browser may cache a logo for good.
export const companyBranding = sqliteTable(
  'company_branding',
  {
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    displayName: text('display_name'),
    accentColor: text('accent_color'),
    logo: bytes('logo'),
    logoType: text('logo_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }),
    logoVersion: integer('logo_version').notNull().default(0),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.companyId] }),
    check('company_branding_logo_pair', sql`(${t.logo} is null) = (${t.logoType} is null)`),
    check('company_branding_logo_type', sql`${t.logoType} in ('image/png', 'image/jpeg', 'image/webp')`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Company = typeof companies.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type ReservedRule = typeof reservedRules.$inferSelect;
export type GlobalName = typeof globalNames.$inferSelect;
export type CompanyNameHold = typeof companyNameHolds.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type CompanyUsernameRulesRow = typeof companyUsernameRules.$inferSelect;
