import { translate } from '@/lib/i18n/translate';
import { HttpError } from '@/lib/http/problem';
import { now } from '@/lib/clock';
import { globalNameStore } from '@/db/queries/names';
import { createUser, type PublicUser } from '@/lib/accounts/users';
import { checkAvailability, type Availability } from '@/lib/usernames';

export interface Registration {
  username: string;
  password: string;
  email?: string | null;
}

/**
 * Registers a global username by the same verdict the check gives: invalid and reserved names are a
 * 400, taken, held and similar a 409 with fresh suggestions. Past the verdict it is `createUser`, whose
 * UNIQUE indexes decide a race: the loser gets the same 409 as if the check had seen the winner.
 */
export async function registerUser(input: Registration): Promise<PublicUser> {
  const verdict = await checkAvailability(globalNameStore(now()), input.username, 'global');
  if (!verdict.available) throw verdictError(verdict);
  try {
    return await createUser({ username: input.username, password: input.password, email: input.email ?? null });
  } catch (error) {
    if (!(error instanceof HttpError) || error.code !== 'conflict') throw error;
    // Lost a race: answer as the check now would, with suggestions that are free now.
    const again = await checkAvailability(globalNameStore(now()), input.username, 'global');
    throw again.available ? error : verdictError(again);
  }
}

/** The problem that a verdict against a name means for registration. */
export function verdictError(verdict: Availability): HttpError {
  switch (verdict.reason) {
    case 'taken':
    case 'held':
    case 'similar':
      return new HttpError('conflict', translate(verdict.message), {
        extensions: { reason: verdict.reason, suggestions: verdict.suggestions },
        messageRef: verdict.message,
      });
    default:
      return new HttpError('validation_error', translate(verdict.message), {
        errors: { username: [translate(verdict.message)] },
        extensions: { reason: verdict.reason, suggestions: verdict.suggestions },
        messageRef: verdict.message,
      });
  }
}
