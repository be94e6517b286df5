/** One message for every failed sign-in, whether the name exists or not. */
export const SIGN_IN_FAILED = 'That username and password do not match. Check both and try again.';
export const SIGN_IN_LIMITED = 'Too many sign-in attempts from here. Wait a minute, then try again.';
/** After failures in a row for one username (any account, or none: the same words either way). */
export const SIGN_IN_ACCOUNT_WAIT =
  'That username and password do not match, and there have been too many failed attempts with this username. Wait a few minutes before the next try.';
export const SIGN_IN_BUSY = 'Too many people are signing in at this moment. Try again in a few seconds.';

/** The message for a failed sign-in's code (Auth.js's `code`: CredentialsSignin subclasses in app/(auth)/auth.ts). */
export function signInFailureMessage(code: string | undefined): string {
  switch (code) {
    case 'rate_limited':
      return SIGN_IN_LIMITED;
    case 'account_wait':
      return SIGN_IN_ACCOUNT_WAIT;
    case 'busy':
      return SIGN_IN_BUSY;
    default:
      return SIGN_IN_FAILED;
  }
}
