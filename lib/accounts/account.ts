import { listCompaniesOfUser } from '@/db/queries/memberships';
import { updateUsername } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { recordAudit } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { verdictError } from '@/lib/accounts/registration';
import { globalNameStore } from '@/db/queries/names';
import { findUserById, globalUsernameForms, usernameConflict, type PublicUser } from '@/lib/accounts/users';
import { checkAvailability, type Availability, type Reason, type Viewer } from '@/lib/usernames';

// What a person sees and changes about their own account: /signup and /account.

/** The server's refusal of a username a person submitted: the policy's verdict, for that name. */
export type UsernameRefusal = Availability & { available: false; username: string };

/**
 * A registration or rename error about the username (taken, similar, reserved, invalid) as the verdict
 * to show under the field, with the fresh suggestions the error carries; null for any other error.
 */
export function usernameRefusal(error: HttpError, username: string): UsernameRefusal | null {
  const usernameMessage = error.errors?.username?.[0];
  if (error.code !== 'conflict' && usernameMessage === undefined) return null;
  const reason = error.extensions.reason;
  const suggestions = error.extensions.suggestions;
  return {
    username,
    available: false,
    reason: typeof reason === 'string' ? (reason as Reason) : error.code === 'conflict' ? 'taken' : 'invalid',
    message: usernameMessage ?? error.message,
    suggestions: Array.isArray(suggestions) ? suggestions.filter((s): s is string => typeof s === 'string') : [],
  };
}

export interface MembershipOfUser {
  companyId: number;
  companyName: string;
  companySlug: string;
  role: 'admin' | 'member';
  companyUsername: string | null;
}

/** The companies a person belongs to, with their role and company username, by company name. */
export function listMembershipsOf(userId: number): MembershipOfUser[] {
  return listCompaniesOfUser(userId).map(({ company, role, companyUsername }) => ({
    companyId: company.id,
    companyName: company.name,
    companySlug: company.slug,
    role,
    companyUsername,
  }));
}

/**
 * Changes a person's global username by the same policy as the check and the signup, with the person
 * as the viewer: their own name in another case or form is theirs (`own_username`). The verdict and
 * the write share one IMMEDIATE transaction, so nobody takes the name in between; the UNIQUE indexes
 * still answer for a writer outside this process.
 *
 * Accounts without a global username (created inside a company) have nothing to change here: picking
 * a first global name is not a side effect of the account page (see app/account/page.tsx).
 */
export function changeUsername(userId: number, requested: string): PublicUser {
  const check = () => {
    const user = findUserById(userId);
    if (!user) throw new HttpError('not_found', 'This account no longer exists.');
    if (user.username === null || user.usernameCanonical === null) {
      throw new HttpError('forbidden', 'This account has no global username to change.');
    }
    const viewer: Viewer = { canonical: user.usernameCanonical, key: user.similarityKey };
    return { user, viewer, verdict: checkAvailability(globalNameStore(), requested, 'global', viewer) };
  };
  try {
    return writeTransaction(() => {
      const { user, verdict } = check();
      if (!verdict.available) throw verdictError(verdict);
      if (user.username === requested) return { id: user.id, username: user.username };
      const { canonical, key } = globalUsernameForms(requested);
      const row = updateUsername(userId, { username: requested, usernameCanonical: canonical, similarityKey: key });
      recordAudit({ userId, label: user.username ?? String(userId) }, {
        action: 'user.rename',
        target: requested,
        details: { from: user.username },
      });
      return row;
    });
  } catch (error) {
    const conflict = usernameConflict(error);
    if (!conflict) throw error;
    // Another process took the name between our check and our write: answer as the check now would.
    const { verdict } = check();
    throw verdict.available ? conflict : verdictError(verdict);
  }
}
