// The admin CLI: `npm run -s cli -- <command>`. Exactly one JSON value on stdout; diagnostics on
// stderr; exit 0 on success, 1 with a one-line reason otherwise (2 for a malformed command line).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupTo } from '@/db/backup';
import { closeConnection } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { createApiToken, expiryInDays, parseExpiresAt, revokeApiToken } from '@/lib/api-tokens';
import { TOKEN_EXPIRY_MAX_DAYS } from '@/lib/api-tokens-format';
import { CLI_ACTOR } from '@/lib/audit';
import { createCompany } from '@/lib/companies/companies';
import { addMember, removeMemberAsOperator, setCompanyUsernameAsOperator } from '@/lib/companies/members';
import { setCompanyUsernameRulesAsOperator } from '@/lib/companies/username-rules';
import { setCompanyBrandingAsOperator } from '@/lib/companies/branding';
import { LOGO_MAX_BYTES } from '@/lib/companies/branding-rules';
import { parseId } from '@/lib/http/params';
import { seedBenchUsers, seedDemo } from '@/lib/seed';
import { issueResetLink } from '@/lib/accounts/password-reset';
import { createUser, findUserByUsername } from '@/lib/accounts/users';
import { changeUsername, removeAccount } from '@/lib/accounts/account';
import { addReservedRuleAsOperator, listReservedRulesAsOperator, removeReservedRuleAsOperator, RESERVED_MATCHES } from '@/lib/reserved-names';

class UsageError extends Error {}

const USAGE = `usage: npm run -s cli -- <command>
  company create --name NAME --slug SLUG
  company policy --company ID [--min N] [--max N] [--pattern REGEX] [--reserved a,b,c]
      N from 1 to 64; REGEX must match the whole name (it is anchored for you), u flag; --pattern '' clears it;
      --reserved '' clears the reserved names
  company branding --company ID [--display-name NAME] [--accent #RRGGBB] [--logo FILE | --remove-logo]
      '' clears the display name or the accent; a logo is PNG, JPEG or WebP (by its bytes) of at most 256 KiB
  user create --username NAME --password PW [--platform-admin]
  user reset-link --username NAME
  user rename --username NAME --to NEW
      by the rules of /account (not rate limited); the old name is held for USERNAME_HOLD_DAYS
  user delete --username NAME
      as /account does, without the password; its names are held
  member add --company ID --user USERNAME [--role admin|member] [--company-username NAME]
  member set --company ID --user USERNAME (--company-username NAME | --none)
      the replaced or removed company username is held for the company
  member remove --company ID --user USERNAME
  reserved add --name NAME [--match exact|prefix]
      NAME a valid global username (3 to 30 characters), matched by similarity key; default exact
  reserved list
  reserved remove --id ID
  token create (--company ID | --platform) [--name LABEL] [--expires-in-days N | --expires-at ISO-8601]
      N from 1 to ${TOKEN_EXPIRY_MAX_DAYS}; ISO-8601 with a time zone, in the future, e.g. 2027-01-31T18:00:00Z
  token revoke --id ID
  seed --users N | seed --demo
  backup --to FILE`;

type Options = Record<string, { type: 'string' | 'boolean' }>;

function options<T extends Options>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values as {
      [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string;
    };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}

function positiveInt(value: string | undefined, flag: string): number {
  const text = required(value, flag);
  const id = parseId(text);
  if (id === null) throw new UsageError(`--${flag} must be a positive integer, got "${text}"`);
  return id;
}

/** The account with this global username (in any form that shares its canonical form), or a one-line refusal. */
async function existingUser(username: string) {
  const user = await findUserByUsername(username);
  if (!user) throw new Error(`there is no user "${username}"`);
  return user;
}

async function run(argv: string[]): Promise<unknown> {
  const [group, action, ...rest] = argv;
  const command = `${group ?? ''} ${action ?? ''}`.trim();
  switch (command) {
    case 'company create': {
      const o = options(rest, { name: { type: 'string' }, slug: { type: 'string' } });
      const company = await createCompany({ name: required(o.name, 'name'), slug: required(o.slug, 'slug') }, CLI_ACTOR);
      return { id: company.id, name: company.name, slug: company.slug };
    }
    case 'company policy': {
      const o = options(rest, {
        company: { type: 'string' },
        min: { type: 'string' },
        max: { type: 'string' },
        pattern: { type: 'string' },
        reserved: { type: 'string' },
      });
      const length = (value: string | undefined, flag: string) => {
        if (value === undefined) return undefined;
        if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--${flag} must be a whole number from 1 to 64, got "${value}"`);
        return Number(value);
      };
      const reserved = o.reserved === undefined ? undefined : o.reserved.split(',').filter((name) => name !== '');
      const rules = await setCompanyUsernameRulesAsOperator(
        positiveInt(o.company, 'company'),
        { minLength: length(o.min, 'min'), maxLength: length(o.max, 'max'), pattern: o.pattern, reserved },
        CLI_ACTOR,
      );
      return rules;
    }
    case 'company branding': {
      const o = options(rest, {
        company: { type: 'string' },
        'display-name': { type: 'string' },
        accent: { type: 'string' },
        logo: { type: 'string' },
        'remove-logo': { type: 'boolean' },
      });
      if (o.logo !== undefined && o['remove-logo']) throw new UsageError('give at most one of --logo FILE or --remove-logo');
      let logo: Uint8Array | null | undefined;
      if (o['remove-logo']) logo = null;
      else if (o.logo !== undefined) {
        const file = required(o.logo, 'logo');
        if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`there is no file ${file}`);
        // Past the limit the file is not even read.
        const size = statSync(file).size;
        if (size > LOGO_MAX_BYTES) throw new Error(`The logo is ${Math.ceil(size / 1024)} KiB; use a file of at most ${LOGO_MAX_BYTES / 1024} KiB.`);
        logo = new Uint8Array(readFileSync(file));
      }
      return setCompanyBrandingAsOperator(
        positiveInt(o.company, 'company'),
        { displayName: o['display-name'], accentColor: o.accent, logo },
        CLI_ACTOR,
      );
    }
    case 'user create': {
      const o = options(rest, {
        username: { type: 'string' },
        password: { type: 'string' },
        'platform-admin': { type: 'boolean' },
      });
      return createUser(
        {
          username: required(o.username, 'username'),
          password: required(o.password, 'password'),
          isPlatformAdmin: o['platform-admin'] ?? false,
        },
        CLI_ACTOR,
      );
    }
    case 'user reset-link': {
      const o = options(rest, { username: { type: 'string' } });
      const username = required(o.username, 'username');
      const user = await existingUser(username);
      const link = await issueResetLink(user.id, CLI_ACTOR);
      return { url: link.url, expiresAt: link.expiresAt.toISOString() };
    }
    case 'user rename': {
      const o = options(rest, { username: { type: 'string' }, to: { type: 'string' } });
      const user = await existingUser(required(o.username, 'username'));
      const renamed = await changeUsername(user.id, required(o.to, 'to'), CLI_ACTOR);
      return {
        id: renamed.id,
        username: renamed.username,
        previous: user.username,
        heldUntil: renamed.released?.heldUntil?.toISOString() ?? null,
      };
    }
    case 'user delete': {
      const o = options(rest, { username: { type: 'string' } });
      const user = await existingUser(required(o.username, 'username'));
      return removeAccount(user.id, CLI_ACTOR);
    }
    case 'member set': {
      const o = options(rest, {
        company: { type: 'string' },
        user: { type: 'string' },
        'company-username': { type: 'string' },
        none: { type: 'boolean' },
      });
      if ((o['company-username'] === undefined) === (o.none !== true)) {
        throw new UsageError('give exactly one of --company-username NAME or --none');
      }
      const companyId = positiveInt(o.company, 'company');
      const user = await existingUser(required(o.user, 'user'));
      const member = await setCompanyUsernameAsOperator(companyId, user.id, o.none ? '' : required(o['company-username'], 'company-username'), CLI_ACTOR);
      return { companyId, userId: member.userId, username: member.username, role: member.role, companyUsername: member.companyUsername };
    }
    case 'member remove': {
      const o = options(rest, { company: { type: 'string' }, user: { type: 'string' } });
      const companyId = positiveInt(o.company, 'company');
      const user = await existingUser(required(o.user, 'user'));
      await removeMemberAsOperator(companyId, user.id, CLI_ACTOR);
      return { companyId, userId: user.id, username: user.username, removed: true };
    }
    case 'reserved add': {
      const o = options(rest, { name: { type: 'string' }, match: { type: 'string' } });
      const match = o.match ?? 'exact';
      if (!(RESERVED_MATCHES as readonly string[]).includes(match)) throw new UsageError(`--match must be exact or prefix, got "${match}"`);
      return addReservedRuleAsOperator(required(o.name, 'name'), match, CLI_ACTOR);
    }
    case 'reserved list': {
      options(rest, {});
      return listReservedRulesAsOperator(CLI_ACTOR);
    }
    case 'reserved remove': {
      const o = options(rest, { id: { type: 'string' } });
      return removeReservedRuleAsOperator(positiveInt(o.id, 'id'), CLI_ACTOR);
    }
    case 'member add': {
      const o = options(rest, {
        company: { type: 'string' },
        user: { type: 'string' },
        role: { type: 'string' },
        'company-username': { type: 'string' },
      });
      const role = o.role ?? 'member';
      if (role !== 'admin' && role !== 'member') throw new UsageError(`--role must be admin or member, got "${role}"`);
      const member = await addMember(
        {
          companyId: positiveInt(o.company, 'company'),
          username: required(o.user, 'user'),
          role,
          companyUsername: o['company-username'] ?? null,
        },
        CLI_ACTOR,
      );
      return member;
    }
    case 'token create': {
      const o = options(rest, {
        company: { type: 'string' },
        platform: { type: 'boolean' },
        name: { type: 'string' },
        'expires-in-days': { type: 'string' },
        'expires-at': { type: 'string' },
      });
      if ((o.company === undefined) === (o.platform !== true)) {
        throw new UsageError('give exactly one of --company ID or --platform');
      }
      if (o['expires-in-days'] !== undefined && o['expires-at'] !== undefined) {
        throw new UsageError('give at most one of --expires-in-days N or --expires-at ISO-8601');
      }
      const scope = o.platform ? ({ scope: 'platform' } as const) : ({ scope: 'company', companyId: positiveInt(o.company, 'company') } as const);
      const now = Date.now();
      let expiresAt: Date | null = null;
      if (o['expires-in-days'] !== undefined) {
        const days = parseId(o['expires-in-days']);
        if (days === null || days > TOKEN_EXPIRY_MAX_DAYS) {
          throw new UsageError(`--expires-in-days must be a whole number from 1 to ${TOKEN_EXPIRY_MAX_DAYS}, got "${o['expires-in-days']}"`);
        }
        expiresAt = expiryInDays(days, now);
      } else if (o['expires-at'] !== undefined) {
        expiresAt = parseExpiresAt(o['expires-at']);
      }
      const created = await createApiToken(scope, o.name ?? '', CLI_ACTOR, expiresAt, now);
      // Without an expiry the answer stays what it always was; with one it says when the token stops.
      if (created.expiresAt === null) return { id: created.id, token: created.token };
      return { id: created.id, token: created.token, expiresAt: created.expiresAt.toISOString() };
    }
    case 'token revoke': {
      const o = options(rest, { id: { type: 'string' } });
      const revoked = await revokeApiToken(positiveInt(o.id, 'id'), CLI_ACTOR);
      return { id: revoked.id, revoked: true, revokedAt: revoked.revokedAt.toISOString() };
    }
    default: {
      if (group === 'backup') {
        const o = options(argv.slice(1), { to: { type: 'string' } });
        const to = required(o.to, 'to');
        if (existsSync(to)) throw new UsageError(`${to} exists already; choose a new file`);
        const result = await backupTo(to);
        if (result.integrity !== 'ok') throw new Error(`the backup failed its integrity check: ${result.integrity}`);
        return { backup: resolve(to), bytes: result.bytes, integrity: result.integrity, method: result.method };
      }
      if (group === 'seed') {
        const o = options(argv.slice(1), { users: { type: 'string' }, demo: { type: 'boolean' } });
        if ((o.users === undefined) === (o.demo !== true)) throw new UsageError('give exactly one of --users N or --demo');
        if (o.demo) return seedDemo(CLI_ACTOR);
        return seedBenchUsers(positiveInt(o.users, 'users'), CLI_ACTOR);
      }
      throw new UsageError(group ? `unknown command "${command}"` : 'no command given');
    }
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--') argv.shift();
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    await migrateDatabase();
    const result = await run(argv);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await closeConnection();
  }
}

process.exitCode = await main();
