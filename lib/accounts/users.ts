import { translate } from '@/lib/i18n/translate';
import { isUniqueViolation } from '@/db/errors';
import { findUserByCanonical, findUserById, insertUser, type User } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { hashPassword, passwordProblems } from '@/lib/auth/password';
import { emailConflict, emailForms, issueVerificationLink, sendVerificationMail } from '@/lib/accounts/email';
import { recordAudit, type Actor } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { now } from '@/lib/clock';
import { canonicalUsername, heldMessage, similarityKey, validateUsername, type Viewer } from '@/lib/usernames';
import { globalNameStore } from '@/db/queries/names';

export interface PublicUser {
  id: number;
  username: string | null;
}

/** The stored forms of a global username, or a 400 naming the broken rules. */
export function globalUsernameForms(username: string): { canonical: string; key: string } {
  const validation = validateUsername(username, 'global');
  if (!validation.ok) {
    throw new HttpError('validation_error', translate(validation.errors[0]!), {
      errors: { username: validation.errors.map((e) => translate(e)) },
      messageRef: validation.errors[0],
    });
  }
  return { canonical: validation.canonical, key: similarityKey(validation.canonical) };
}

export function passwordOrThrow(password: string): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw new HttpError('validation_error', problems[0] ?? 'Invalid password.', { errors: { password: problems } });
  }
}

/** The database's UNIQUE indexes decide at last: a lost race is `taken` or `similar`, never a 500. */
export function usernameConflict(error: unknown): HttpError | null {
  if (isUniqueViolation(error, 'username_canonical')) {
    return new HttpError('conflict', 'That username is taken.', { extensions: { reason: 'taken' } });
  }
  if (isUniqueViolation(error, 'similarity_key')) {
    return new HttpError('conflict', "That username is too similar to one that's taken.", {
      extensions: { reason: 'similar' },
    });
  }
  return null;
}

/** After a lost race on a name's unique index: a 409 `held` when what holds the name is a hold, else null. */
async function heldConflict(forms: { canonical: string; key: string }): Promise<HttpError | null> {
  const found = await globalNameStore(now()).find(forms);
  if (!found.hold || !found.canonicalTaken) return null;
  const message = heldMessage(found.hold.until);
  return new HttpError('conflict', translate(message), { extensions: { reason: 'held' }, messageRef: message });
}

export interface CreateUserInput {
  username: string;
  password: string | null;
  email?: string | null;
  isPlatformAdmin?: boolean;
}

/**
 * Creates a user with a global username. The format rules apply; the reserved-name and similarity
 * verdicts are the caller's to decide (the CLI may create `admin`), but the unique indexes still hold.
 * An email address, when given, is stored unverified and its verification link mailed (lib/accounts/email.ts).
 */
export async function createUser(input: CreateUserInput, actor: Actor | null = null): Promise<PublicUser> {
  const forms = globalUsernameForms(input.username);
  const email = input.email ? emailForms(input.email) : null;
  if (input.password !== null) passwordOrThrow(input.password);
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  const at = now();
  try {
    const { row, verification } = await writeTransaction(async () => {
      const row = await insertUser({
        username: input.username,
        usernameCanonical: forms.canonical,
        similarityKey: forms.key,
        email,
        passwordHash,
        isPlatformAdmin: input.isPlatformAdmin ?? false,
      }, at);
      if (actor) await recordAudit(actor, { action: 'user.create', target: input.username });
      return { row, verification: email ? (await issueVerificationLink(row.id, email, at.getTime())) : null };
    });
    if (email && verification) sendVerificationMail(email.address, verification);
    return row;
  } catch (error) {
    const conflict = usernameConflict(error);
    if (conflict) throw (await heldConflict(forms)) ?? conflict;
    throw emailConflict(error) ?? error;
  }
}

export type { User };
export { findUserById };

/** Looks a global username up by its canonical form (any case or width of it finds the user). */
export async function findUserByUsername(username: string): Promise<User | undefined> {
  return findUserByCanonical(canonicalUsername(username, 'global'));
}

export function toPublicUser(user: Pick<User, 'id' | 'username'>): PublicUser {
  return { id: user.id, username: user.username };
}

/** The person's own view of their global username: a name they gave up and that is still held for them is theirs. */
export function viewerOf(user: Pick<User, 'id' | 'usernameCanonical' | 'similarityKey'>): Viewer {
  if (user.usernameCanonical === null) return { canonical: '', key: null, userId: user.id };
  return { canonical: user.usernameCanonical, key: user.similarityKey, userId: user.id };
}

